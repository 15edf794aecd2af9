import { useEffect, useRef, useState } from 'react';
import type { WheelSummary } from '../../../src-main/common/domain';
import { CopyCode } from '../../components/CopyCode';
import { useProjectStore } from '../../store/project';
import { useSettingsStore } from '../../store/settings';
import { revealWheel, useWheelsStore, verifyWheel } from '../../store/wheels';
import { formatBytes } from '../../../src-main/common/format-bytes';
import { WheelDetails } from './WheelDetails';
import { pipInstallCommand, reportBadges, tagBadges, verificationBadge, type Badge } from './wheel-badges';

function BadgeView({ badge }: { readonly badge: Badge }) {
  return (
    <span className={`badge tone-${badge.tone}`} title={badge.title} data-testid={badge.kind === 'tag' ? 'wheel-tag' : `wheel-badge-${badge.kind}`} data-tone={badge.tone}>
      {badge.label}
    </span>
  );
}

/** One wheel: name and size, its badges, what to do with it, and (opened) everything the checks found. */
export function WheelRow({ wheel }: { readonly wheel: WheelSummary }) {
  const [open, setOpen] = useState(false);
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (open) row.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [open]);
  const report = useWheelsStore((s) => s.reports[wheel.path]);
  const inspecting = useWheelsStore((s) => s.inspecting.includes(wheel.path));
  const verification = useWheelsStore((s) => s.verifications[wheel.path]);
  const isNew = useWheelsStore((s) => s.fresh.includes(wheel.path));
  const dropped = useWheelsStore((s) => s.dropped.includes(wheel.path));
  const canReveal = useSettingsStore((s) => s.appInfo?.canRevealFiles ?? false);
  const projectRoot = useProjectStore((s) => s.project?.root ?? null);
  const badges = [...tagBadges(wheel), ...reportBadges(report, inspecting), verificationBadge(verification)];

  return (
    <li ref={row} className={`wheel${open ? ' open' : ''}`} data-testid="wheel-item" title={wheel.path}>
      <div className="wheel-head">
        <span className="wheel-icon" aria-hidden="true">
          ⬡
        </span>
        <span className="wheel-name" data-testid="wheel-name">
          {wheel.fileName}
        </span>
        {isNew ? <span className="badge badge-new">new</span> : null}
        {dropped ? <span className="badge badge-new">dropped</span> : null}
        <span className="wheel-size" data-testid="wheel-size">
          {formatBytes(wheel.sizeBytes)}
        </span>
      </div>
      <div className="wheel-badges">
        {badges.map((b) => (
          <BadgeView key={`${b.kind}-${b.label}`} badge={b} />
        ))}
      </div>
      <div className="wheel-actions">
        <CopyCode text={pipInstallCommand(wheel.path)} />
        <span className="wheel-buttons">
          <button
            type="button"
            className="small"
            data-testid="wheel-verify"
            disabled={verification?.status === 'running'}
            onClick={() => void verifyWheel(wheel.path, dropped ? null : projectRoot)}
            title="Install into a fresh virtualenv and import it (under qemu for other Linux architectures)"
          >
            {verification ? 'Verify again' : 'Verify'}
          </button>
          {canReveal ? (
            <button type="button" className="small" data-testid="wheel-reveal" onClick={() => void revealWheel(wheel.path)} title="Show in the file manager">
              Open folder
            </button>
          ) : null}
          <button type="button" className="small ghost" data-testid="wheel-toggle-details" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide details' : 'Details'}
          </button>
        </span>
      </div>
      {open ? <WheelDetails report={report} verification={verification} /> : null}
    </li>
  );
}
