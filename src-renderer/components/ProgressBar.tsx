interface Props {
  readonly label: string;
  readonly percent: number | null;
  readonly detail?: string;
  readonly tone?: 'running' | 'ok' | 'failed' | 'cancelled';
}

/** A labelled progress bar; percent null is indeterminate. */
export function ProgressBar({ label, percent, detail, tone = 'running' }: Props) {
  const value = percent === null ? null : Math.round(Math.max(0, Math.min(100, percent)));
  return (
    <div className={`progress tone-${tone}`} data-testid="progress" data-percent={value ?? ''}>
      <div className="progress-text">
        <span className="progress-label">{label}</span>
        <span className="progress-detail">{detail}</span>
        <span className="progress-value">{value === null ? '' : `${value}%`}</span>
      </div>
      <div
        className={`progress-track ${value === null ? 'indeterminate' : ''}`}
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value ?? undefined}
        aria-valuetext={value === null ? 'starting' : `${value}%${detail ? `, ${detail}` : ''}`}
      >
        <div className="progress-fill" style={{ width: value === null ? undefined : `${value}%` }} />
      </div>
    </div>
  );
}
