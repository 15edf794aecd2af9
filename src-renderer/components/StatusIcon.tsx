import type { CheckStatus, Severity } from '../../src-main/common/domain';

const ICONS: Record<CheckStatus | Severity, { glyph: string; label: string }> = {
  ok: { glyph: '✓', label: 'OK' },
  warn: { glyph: '!', label: 'Warning' },
  error: { glyph: '✗', label: 'Error' },
  skip: { glyph: '–', label: 'Skipped' },
  info: { glyph: 'i', label: 'Info' },
};

export function StatusIcon({ status }: { readonly status: CheckStatus | Severity }) {
  const icon = ICONS[status];
  return (
    <span className={`status-icon status-${status}`} role="img" aria-label={icon.label} title={icon.label}>
      {icon.glyph}
    </span>
  );
}
