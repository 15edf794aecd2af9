import type { JobKind } from '../../src-main/common/events';
import { api } from '../api';

// Terminal output does not go through zustand: it would copy megabytes of cargo output into state on
// every batch. Output events are written straight into an xterm.js terminal, and each batch is
// acknowledged (ackOutput) only once xterm has rendered it — the core's flow control pauses the job
// when too much output is unacknowledged, so a flood never freezes the page.
//
// There are two terminals: the build terminal (builds, managed-tool installs) and the doctor's, where
// fixes run. A job's output goes to the terminal of its kind.

export type TerminalChannel = 'build' | 'doctor';

export interface TerminalWriter {
  write(data: string, done?: () => void): void;
  clear(): void;
}

interface Chunk {
  readonly jobId: string | null;
  readonly data: string;
}

const writers = new Map<TerminalChannel, TerminalWriter>();
const backlogs: Record<TerminalChannel, Chunk[]> = { build: [], doctor: [] };
const jobChannels = new Map<string, TerminalChannel>();

function ack(jobId: string, chars: number): void {
  if (chars <= 0) return;
  api()
    .ackOutput({ jobId, chars })
    .catch((err: unknown) => console.warn('wheelbench: ackOutput failed', err));
}

function deliver(channel: TerminalChannel, chunk: Chunk): void {
  const writer = writers.get(channel);
  if (!writer) {
    backlogs[channel].push(chunk);
    return;
  }
  const { jobId, data } = chunk;
  writer.write(data, jobId ? () => ack(jobId, data.length) : undefined);
}

/** The terminal component registers itself; anything that arrived before is written now. */
export function attachTerminal(w: TerminalWriter, channel: TerminalChannel = 'build'): () => void {
  writers.set(channel, w);
  for (const chunk of backlogs[channel].splice(0)) deliver(channel, chunk);
  return () => {
    if (writers.get(channel) === w) writers.delete(channel);
  };
}

/** Which terminal a job writes to, from its kind (known from its job-started event). */
export function noteJobKind(jobId: string, kind: JobKind): void {
  jobChannels.set(jobId, kind === 'doctor-fix' ? 'doctor' : 'build');
}

/** A batch of a job's terminal output. */
export function writeJobOutput(jobId: string, data: string): void {
  deliver(jobChannels.get(jobId) ?? 'build', { jobId, data });
}

/** A line of our own (a job header), not part of any job's output. */
export function writeNote(text: string, channel: TerminalChannel = 'build'): void {
  deliver(channel, { jobId: null, data: text });
}

export function clearTerminal(channel: TerminalChannel = 'build'): void {
  backlogs[channel].length = 0;
  writers.get(channel)?.clear();
}
