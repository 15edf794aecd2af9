import { StringDecoder } from 'node:string_decoder';

export interface BatcherOptions {
  /** Longest a byte waits before it is sent on. */
  readonly intervalMs?: number;
  /** A batch this large is sent at once, without waiting for the interval. */
  readonly maxBatchBytes?: number;
}

/**
 * Turns a flood of small terminal chunks into few, bounded messages (~16 ms / 200 KB), decoding
 * UTF-8 safely: a character split across two chunks is held back until it is whole.
 */
export class OutputBatcher {
  private readonly decoder = new StringDecoder('utf8');
  private readonly intervalMs: number;
  private readonly maxBatchBytes: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly emit: (text: string) => void, options: BatcherOptions = {}) {
    this.intervalMs = options.intervalMs ?? 16;
    this.maxBatchBytes = options.maxBatchBytes ?? 200 * 1024;
  }

  push(bytes: Buffer): void {
    const text = this.decoder.write(bytes);
    if (!text) return;
    this.pending.push(text);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= this.maxBatchBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    this.emit(text);
  }

  /** Sends everything still held, including an incomplete trailing character as U+FFFD. */
  end(): void {
    const rest = this.decoder.end();
    if (rest) this.pending.push(rest);
    this.flush();
  }
}
