export interface FlowControlOptions {
  readonly highWatermarkChars?: number;
  readonly lowWatermarkChars?: number;
  /** A listener that stops acknowledging (a closed tab) cannot freeze a build for longer than this. */
  readonly stallTimeoutMs?: number;
}

/**
 * Acknowledgement-based flow control: output sent but not yet rendered is counted; above the high
 * watermark the producer is paused, below the low one resumed. It only engages once some listener
 * has acknowledged, so a listener that never acks (a script) is not throttled.
 */
export class FlowControl {
  private unacked = 0;
  private engaged = false;
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

  sent(chars: number): void {
    this.unacked += chars;
    if (this.engaged && !this.paused && this.unacked > this.high) {
      this.paused = true;
      this.pause();
      this.stallTimer = setTimeout(() => this.release(), this.stallTimeoutMs);
      this.stallTimer.unref?.();
    }
  }

  acked(chars: number): void {
    this.engaged = true;
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.low) this.release();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  release(): void {
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.stallTimer = undefined;
    if (!this.paused) return;
    this.paused = false;
    this.unacked = 0;
    this.resume();
  }
}
