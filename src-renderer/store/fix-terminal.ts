import { api } from '../api';

// The doctor's own terminal, where fixes run: their output goes here and never into the build terminal.
// Like the build terminal's sink, a batch is acknowledged once xterm has written it, and output that
// arrives before the terminal is on screen waits for it.

export interface FixTerminalWriter {
  write(data: string, done?: () => void): void;
  clear(): void;
}

interface Chunk {
  readonly jobId: string | null;
  readonly data: string;
}

let writer: FixTerminalWriter | null = null;
const backlog: Chunk[] = [];
const fixJobs = new Set<string>();

function deliver(chunk: Chunk): void {
  if (!writer) {
    backlog.push(chunk);
    return;
  }
  const { jobId, data } = chunk;
  writer.write(data, jobId ? () => void api().ackOutput({ jobId, chars: data.length }).catch(() => undefined) : undefined);
}

export function attachFixTerminal(w: FixTerminalWriter): () => void {
  writer = w;
  for (const chunk of backlog.splice(0)) deliver(chunk);
  return () => {
    if (writer === w) writer = null;
  };
}

/** A doctor fix started: its output belongs here (known from its job-started event). */
export function noteDoctorFixJob(jobId: string): void {
  fixJobs.add(jobId);
}

export function isDoctorFixJob(jobId: string): boolean {
  return fixJobs.has(jobId);
}

export function writeFixOutput(jobId: string, data: string): void {
  deliver({ jobId, data });
}

/** A line of our own (the fix's header). */
export function writeFixNote(text: string): void {
  deliver({ jobId: null, data: text });
}

export function clearFixTerminal(): void {
  backlog.length = 0;
  writer?.clear();
}
