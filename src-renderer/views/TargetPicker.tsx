import { useEffect, useRef } from 'react';
import type { TargetInfo } from '../../src-main/common/domain';
import { FixView } from '../components/FixView';
import { RichText } from '../components/RichText';
import { useBuildSettingsStore } from '../store/build-settings';
import { useSettingsStore } from '../store/settings';
import { HOST, loadTargets, orderedSelection, setPickerOpen, showTargetDetail, targetInfo, toggleTarget, useTargetsStore } from '../store/targets';

const GROUPS: readonly { readonly os: TargetInfo['os']; readonly label: string }[] = [
  { os: 'linux', label: 'Linux' },
  { os: 'windows', label: 'Windows' },
  { os: 'macos', label: 'macOS' },
];

/** The host pseudo-target, described like a catalog target. */
function hostInfo(platform: string | null, compatibility: string | undefined): TargetInfo {
  return {
    alias: HOST,
    triple: platform ? `this machine (${platform})` : 'this machine',
    os: 'linux',
    platformTag: compatibility ? `${compatibility} (this arch)` : 'auto',
    available: true,
    strategy: 'native',
    toolchain: null,
    reason: compatibility
      ? `Builds for this machine with the default Rust toolchain, tagged ${compatibility} (zig links it when installed).`
      : 'Builds for this machine with the default Rust toolchain; maturin picks the platform tag.',
    notes: [],
    fix: null,
  };
}

function tooltip(t: TargetInfo): string {
  const lines = [`${t.alias} — ${t.triple} → ${t.platformTag}`, t.available ? `Builds here: ${t.strategy}` : "Can't build here", t.reason, ...t.notes.map((n) => `Note: ${n}`)];
  if (t.fix) lines.push(`Fix: ${t.fix.summary}${t.fix.command ? `\n  ${t.fix.command}` : ''}`);
  return lines.join('\n');
}

function TargetOption({ t, checked, open }: { readonly t: TargetInfo; readonly checked: boolean; readonly open: boolean }) {
  const reasonId = `target-reason-${t.alias}`;
  return (
    <div
      className={`target-option ${t.available ? '' : 'unavailable'} ${checked ? 'checked' : ''}`}
      data-testid="target-option"
      data-alias={t.alias}
      data-available={String(t.available)}
      title={tooltip(t)}
    >
      <label className="target-option-main">
        <input type="checkbox" checked={checked} disabled={!t.available} onChange={(e) => toggleTarget(t.alias, e.target.checked)} aria-describedby={reasonId} />
        <span className="target-alias">{t.alias}</span>
        {t.notes.length > 0 ? (
          <span className="target-note-mark" aria-label={`${t.notes.length} note${t.notes.length > 1 ? 's' : ''}`}>
            !
          </span>
        ) : null}
      </label>
      <span className={`strategy strategy-${t.strategy ?? 'none'}`} data-testid="target-strategy">
        {t.available ? t.strategy : "can't build"}
      </span>
      <span className="target-tag" data-testid="target-platform-tag">
        {t.platformTag}
      </span>
      <span className="target-reason" id={reasonId} data-testid="target-reason">
        {t.reason}
      </span>
      <button
        type="button"
        className="ghost small target-more"
        aria-expanded={open}
        aria-controls="target-detail"
        aria-label={`${t.available ? 'Details' : 'Why not, and the fix'} for ${t.alias}`}
        onClick={() => showTargetDetail(t.alias)}
      >
        {open ? '▴' : <span className="info-mark">i</span>}
      </button>
    </div>
  );
}

function TargetDetail({ t }: { readonly t: TargetInfo }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Braces: newer Chromium returns a promise from scrollIntoView, and an effect may only return a cleanup.
    void ref.current?.scrollIntoView({ block: 'nearest' });
  }, [t.alias]);
  return (
    <div ref={ref} className={`target-detail ${t.available ? '' : 'unavailable'}`} id="target-detail" data-testid="target-detail" role="region" aria-label={`${t.alias} details`}>
      <div className="target-detail-head">
        <strong>{t.alias}</strong> <code>{t.triple}</code> → <span className="badge">{t.platformTag}</span>
        <button type="button" className="ghost small" onClick={() => showTargetDetail(null)} aria-label="Close the details">
          ✕
        </button>
      </div>
      <div>
        {t.available ? (
          <>
            Builds here with <strong>{t.strategy}</strong>
            {t.toolchain ? <> using {t.toolchain}</> : null}.
          </>
        ) : (
          <strong className="text-error">Can't build here.</strong>
        )}{' '}
        <RichText text={t.reason} />
      </div>
      {t.notes.map((n) => (
        <div className="target-note" key={n}>
          Note: <RichText text={n} />
        </div>
      ))}
      {t.fix ? <FixView fix={t.fix} /> : null}
    </div>
  );
}

/** Which targets the next build makes: host by default, any the machine can build. */
export function TargetPicker() {
  const state = useTargetsStore();
  const { targets, loading, error, selected, pickerOpen, detail } = state;
  const platform = useSettingsStore((s) => s.appInfo?.platform ?? null);
  const compatibility = useBuildSettingsStore((s) => s.saved?.compatibility);
  const host = hostInfo(platform, compatibility);
  const shown = targetInfo(detail);
  const picked = orderedSelection(state);
  const unavailable = targets?.filter((t) => !t.available).length ?? 0;

  return (
    <section className="target-picker" data-testid="target-picker" aria-label="Targets to build">
      <div className="picker-head">
        <button
          type="button"
          className="ghost picker-toggle"
          aria-expanded={pickerOpen}
          aria-controls="target-picker-body"
          onClick={() => setPickerOpen(!pickerOpen)}
          data-testid="target-picker-toggle"
        >
          <span aria-hidden="true">{pickerOpen ? '▾' : '▸'}</span> Targets
        </button>
        <span className="picker-summary" data-testid="target-summary">
          {picked.length === 0 ? (
            <span className="text-warn">none picked</span>
          ) : (
            picked.map((a) => (
              <span className="badge" key={a}>
                {a}
              </span>
            ))
          )}
        </span>
        {loading ? <span className="spinner" aria-label="Listing targets" /> : null}
        {targets && !loading ? (
          <span className="muted picker-count">
            {targets.length - unavailable} of {targets.length} buildable here
          </span>
        ) : null}
      </div>
      {pickerOpen ? (
        <div className="picker-body" id="target-picker-body">
          {error ? (
            <div className="picker-error" role="alert" data-testid="target-picker-error">
              Could not list the cross targets: {error}{' '}
              <button type="button" className="small" onClick={() => void loadTargets()}>
                Retry
              </button>
            </div>
          ) : null}
          <div className="target-group" role="group" aria-label="This machine">
            <div className="target-group-label">This machine</div>
            <div className="target-options">
              <TargetOption t={host} checked={selected.includes(HOST)} open={detail === HOST} />
              {detail === HOST ? <TargetDetail t={host} /> : null}
            </div>
          </div>
          {targets === null && !error ? <p className="empty">{loading ? 'Asking which targets build here…' : 'Targets appear once Wheelbench is connected.'}</p> : null}
          {GROUPS.map(({ os, label }) => {
            const inGroup = targets?.filter((t) => t.os === os) ?? [];
            if (inGroup.length === 0) return null;
            return (
              <div className="target-group" role="group" aria-label={label} key={os} data-testid="target-group" data-os={os}>
                <div className="target-group-label">{label}</div>
                <div className="target-options">
                  {inGroup.map((t) => (
                    <TargetOption key={t.alias} t={t} checked={selected.includes(t.alias)} open={detail === t.alias} />
                  ))}
                  {shown && shown.os === os && detail !== HOST ? <TargetDetail t={shown} /> : null}
                </div>
              </div>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
