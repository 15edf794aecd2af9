import { api } from '../api';

// Terminal output does not go through zustand: it would copy megabytes of cargo output into state on
// every batch. Output events are written straight into the one xterm.js terminal, and each batch is
// acknowledged (ackOutput) only once xterm has rendered it — the core's flow control pauses the job
// when too much output is unacknowledged, so a flood never freezes the page.

export interface TerminalWriter {
  write(data: string, done?: () => void): void;
  clear(): void;
}

interface Chunk {
  readonly jobId: string | null;
  readonly data: string;
}

let writer: TerminalWriter | null = null;
const backlog: Chunk[] = [];

function ack(jobId: string, chars: number): void {
  if (chars <= 0) return;
  api()
    .ackOutput({ jobId, chars })
    .catch((err: unknown) => console.warn('wheelbench: ackOutput failed', err));
}

function deliver(chunk: Chunk): void {
  if (!writer) {
    backlog.push(chunk);
    return;
  }
  const { jobId, data } = chunk;
  writer.write(data, jobId ? () => ack(jobId, data.length) : undefined);
}

/** The terminal component registers itself; anything that arrived before is written now. */
export function attachTerminal(w: TerminalWriter): () => void {
  writer = w;
  for (const chunk of backlog.splice(0)) deliver(chunk);
  return () => {
    if (writer === w) writer = null;
  };
}

/** A batch of a job's terminal output. */
export function writeJobOutput(jobId: string, data: string): void {
  deliver({ jobId, data });
}

/** A line of our own (a job header), not part of any job's output. */
export function writeNote(text: string): void {
  deliver({ jobId: null, data: text });
}

export function clearTerminal(): void {
  backlog.length = 0;
  writer?.clear();
}
