export interface FlowControlOptions {
  readonly highWatermarkChars?: number;
  readonly lowWatermarkChars?: number;
  /** A listener that stops acknowledging (a closed tab) cannot freeze a build for longer than this. */
  readonly stallTimeoutMs?: number;
}

/**
 * Acknowledgement-based flow control: output sent but not yet rendered is counted per listener
 * (a window, a tab, the CLI); when the slowest one is above the high watermark the producer is
 * paused, and resumed once every listener is below the low one. A listener counts only from its
 * first acknowledgement, so one that never acks (a script reading NDJSON) is not waited for.
 */
export class FlowControl {
  private readonly unacked = new Map<string, number>();
  private paused = false;
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly high: number;
  private readonly low: number;
  private readonly stallTimeoutMs: number;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
    options: FlowControlOptions = {},
  ) {
    this.high = options.highWatermarkChars ?? 1_000_000;
    this.low = options.lowWatermarkChars ?? 250_000;
    this.stallTimeoutMs = options.stallTimeoutMs ?? 5_000;
  }

  private get slowest(): number {
    return Math.max(0, ...this.unacked.values());
  }

  sent(chars: number): void {
    for (const [listener, count] of this.unacked) this.unacked.set(listener, count + chars);
    if (!this.paused && this.slowest > this.high) {
      this.paused = true;
      this.pause();
      this.stallTimer = setTimeout(() => this.release(), this.stallTimeoutMs);
      this.stallTimer.unref?.();
    }
  }

  acked(chars: number, listener = 'default'): void {
    this.unacked.set(listener, Math.max(0, (this.unacked.get(listener) ?? chars) - chars));
    if (this.paused && this.slowest < this.low) this.release();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Resumes at once and forgets what was outstanding (cancel, or a listener that went silent). */
  release(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    for (const listener of this.unacked.keys()) this.unacked.set(listener, 0);
    if (!this.paused) return;
    this.paused = false;
    this.resume();
  }
}
