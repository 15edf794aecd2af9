import { api } from '../api';

// Terminal output does not go through zustand: it would copy megabytes of cargo output into state on
// every batch. Output events are written straight into the one xterm.js terminal, and each batch is
// acknowledged (ackOutput) only once xterm has rendered it — the core's flow control pauses the job
// when too much output is unacknowledged, so a flood never freezes the page.
//
// The terminal shows all output, or one target's of one build (a view). Every batch is also kept
// (up to a bound) so switching views can redraw what the new view shows. A batch the current view
// hides is acknowledged at once: nothing will render it now, and holding the ack would stall the job.

export interface TerminalWriter {
  write(data: string, done?: () => void): void;
  clear(): void;
  /** Forget everything shown (a view switch redraws from the kept batches). */
  reset(): void;
}

/** What the terminal shows: everything (null), or one target of one job. */
export type OutputView = { readonly jobId: string; readonly target: string } | null;

interface Chunk {
  readonly jobId: string | null;
  readonly target: string | null;
  readonly data: string;
  /** Not yet acknowledged (it arrived before the terminal was there). */
  pending: boolean;
}

/** Output kept for redrawing, in characters (the oldest batches go first). */
const KEEP_CHARS = 4_000_000;

let writer: TerminalWriter | null = null;
let view: OutputView = null;
const kept: Chunk[] = [];
let keptChars = 0;

function ack(jobId: string, chars: number): void {
  if (chars <= 0) return;
  api()
    .ackOutput({ jobId, chars })
    .catch((err: unknown) => console.warn('wheelbench: ackOutput failed', err));
}

function settle(chunk: Chunk): void {
  if (!chunk.pending) return;
  chunk.pending = false;
  if (chunk.jobId) ack(chunk.jobId, chunk.data.length);
}

function visible(chunk: Chunk): boolean {
  return view === null || (chunk.jobId === view.jobId && chunk.target === view.target);
}

/** Write a chunk if the view shows it (acknowledging once written), else acknowledge it now. */
function show(chunk: Chunk, w: TerminalWriter): void {
  if (!visible(chunk)) {
    settle(chunk);
    return;
  }
  w.write(chunk.data, chunk.pending ? () => settle(chunk) : undefined);
}

function keep(chunk: Chunk): void {
  kept.push(chunk);
  keptChars += chunk.data.length;
  while (keptChars > KEEP_CHARS && kept.length > 1) {
    const old = kept.shift() as Chunk;
    keptChars -= old.data.length;
    settle(old);
  }
}

function deliver(chunk: Chunk): void {
  keep(chunk);
  if (writer) show(chunk, writer);
}

function redraw(w: TerminalWriter): void {
  w.reset();
  for (const chunk of kept) show(chunk, w);
}

/** The terminal component registers itself; what arrived before is drawn now. */
export function attachTerminal(w: TerminalWriter): () => void {
  writer = w;
  redraw(w);
  return () => {
    if (writer === w) writer = null;
  };
}

/** Show all output (null) or one target's; the terminal is redrawn from the kept output. */
export function setOutputView(next: OutputView): void {
  if (next?.jobId === view?.jobId && next?.target === view?.target) return;
  view = next;
  if (writer) redraw(writer);
}

/** A batch of a job's terminal output; `target` when it belongs to one target of a build. */
export function writeJobOutput(jobId: string, data: string, target: string | null = null): void {
  deliver({ jobId, target, data, pending: true });
}

/** A line of our own (a job header), not part of any job's output. */
export function writeNote(text: string): void {
  deliver({ jobId: null, target: null, data: text, pending: false });
}

export function clearTerminal(): void {
  for (const chunk of kept) settle(chunk);
  kept.length = 0;
  keptChars = 0;
  writer?.clear();
}
