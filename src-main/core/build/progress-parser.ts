import { stripAnsi } from '../toolchain/terminal-text';
// Reads cargo's progress from terminal output: the `Building [====>  ] 12/34: syn, quote` bar that
// cargo draws on a TTY, and `Compiling x v1.0` lines as they scroll by.

export interface CargoProgress {
  readonly unitsDone: number;
  readonly unitsTotal: number;
  readonly percent: number;
  readonly current: string | null;
}

const BAR = /Building \[[=> -]*\]\s+(\d+)\/(\d+)(?::\s*([^\r\n]*))?/g;
const COMPILING = /^\s*Compiling ([\w-]+) v[\w.+-]+/gm;

export class CargoProgressParser {
  private done = 0;
  private total = 0;
  private current: string | null = null;
  private carry = '';

  /** Feeds terminal text; returns the new progress when it changed. */
  feed(text: string): CargoProgress | null {
    const clean = stripAnsi(this.carry + text);
    // Keep an unfinished last line for the next chunk; a progress bar line ends in \r.
    const cut = Math.max(clean.lastIndexOf('\n'), clean.lastIndexOf('\r'));
    this.carry = clean.slice(cut + 1).slice(-512);
    const complete = clean.slice(0, cut + 1);
    const before = `${this.done}/${this.total}/${this.current}`;
    for (const match of complete.matchAll(BAR)) {
      this.done = Number(match[1]);
      this.total = Number(match[2]);
      const names = match[3]?.trim();
      if (names) this.current = names.split(',')[0]?.trim() ?? null;
    }
    for (const match of complete.matchAll(COMPILING)) this.current = match[1] ?? this.current;
    if (`${this.done}/${this.total}/${this.current}` === before) return null;
    return this.snapshot();
  }

  /** The build finished: everything is done. */
  complete(): CargoProgress {
    if (this.total === 0) this.total = Math.max(this.done, 1);
    this.done = this.total;
    this.current = null;
    return this.snapshot();
  }

  snapshot(): CargoProgress {
    const percent = this.total > 0 ? Math.min(100, Math.floor((this.done / this.total) * 100)) : 0;
    return { unitsDone: this.done, unitsTotal: this.total, percent, current: this.current };
  }
}
