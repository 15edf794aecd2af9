import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { JobOutcome } from '../../../common/contract';
import { WheelbenchError } from '../../../common/errors';
import type { WheelbenchEvent } from '../../../common/events';
import type { VerifyExecution, VerifyReport, WheelReport } from '../../../common/wheel-report';
import { OutputBatcher } from '../../build/output-batcher';
import { SlotWaitAborted, type Slots } from '../../jobs/slots';
import type { ToolchainContext } from '../../toolchain/context';
import { executeWheel } from './execute-wheel';
import { readSmokeSetting } from './smoke-setting';
import { stepIo, type StepIo } from './step-io';

export interface VerifyRequest {
  readonly path: string;
  readonly projectDir?: string;
  readonly pythonRoot?: string;
}

export interface VerifyJobDeps {
  readonly toolchain: ToolchainContext;
  readonly emit: (event: WheelbenchEvent) => void;
  /** The inspector (cached by the core, so a wheel a build just inspected is not read twice). */
  readonly inspect: (path: string) => Promise<WheelReport>;
  /**
   * Turns to install and import: a matrix build verifies several wheels at once, and virtualenvs, pip
   * and qemu side by side on a small machine only slow each other down.
   */
  readonly slots?: Slots;
}

/** One verification: inspect, then install and import wherever the wheel can run, streaming the steps. */
export class VerifyJob {
  private readonly abort = new AbortController();
  private readonly batcher: OutputBatcher;

  constructor(
    readonly jobId: string,
    private readonly request: VerifyRequest,
    private readonly deps: VerifyJobDeps,
  ) {
    this.batcher = new OutputBatcher((data) => deps.emit({ type: 'output', jobId, data }));
  }

  cancel(): Promise<boolean> {
    if (this.abort.signal.aborted) return Promise.resolve(false);
    this.abort.abort();
    return Promise.resolve(true);
  }

  async run(): Promise<Extract<JobOutcome, { kind: 'verify' }>> {
    const started = performance.now();
    const { jobId } = this;
    this.deps.emit({ type: 'job-started', jobId, kind: 'verify', title: `Verify ${basename(this.request.path)}` });
    const io = stepIo(this.deps.toolchain, this.abort.signal, (bytes) => this.batcher.push(bytes));
    let outcome: Extract<JobOutcome, { kind: 'verify' }>;
    try {
      const inspection = await this.deps.inspect(this.request.path);
      io.say(`Inspected ${inspection.fileName}: ${summarizeInspection(inspection)}`);
      const smoke = this.request.projectDir ? await readSmokeSetting(this.request.projectDir) : null;
      const release = await this.waitForTurn(io);
      const execution = await executeWheel(io, inspection, { smoke, pythonRoot: this.request.pythonRoot ?? null }).finally(release);
      const report: VerifyReport = { wheel: inspection.path, inspection, execution, durationMs: Math.round(performance.now() - started) };
      const ok = execution.status !== 'failed' && inspection.verdict !== 'error';
      outcome = { kind: 'verify', ok, report, message: describeExecution(execution) };
    } catch (error) {
      const message =
        error instanceof SlotWaitAborted
          ? 'Cancelled before it started.'
          : error instanceof WheelbenchError
            ? error.message
            : `Verification failed unexpectedly: ${(error as Error).message}`;
      outcome = { kind: 'verify', ok: false, report: null, message };
    }
    io.say(`${outcome.ok ? '\x1b[32m✓' : '\x1b[31m✗'} ${outcome.message}\x1b[0m`);
    this.batcher.end();
    this.deps.emit({ type: 'verify-finished', jobId, ok: outcome.ok, report: outcome.report, message: outcome.message });
    return outcome;
  }

  private async waitForTurn(io: StepIo): Promise<() => void> {
    const { slots } = this.deps;
    if (!slots) return () => undefined;
    if (!slots.full || this.abort.signal.aborted) return slots.acquire(this.abort.signal);
    io.say('Waiting for the verification before this one to finish (one installs and imports at a time here)…');
    this.deps.emit({ type: 'verify-waiting', jobId: this.jobId, waiting: true });
    const release = await slots.acquire(this.abort.signal);
    this.deps.emit({ type: 'verify-waiting', jobId: this.jobId, waiting: false });
    return release;
  }
}

function summarizeInspection(report: WheelReport): string {
  const counts = (['error', 'warn'] as const).map((s) => [s, report.problems.filter((p) => p.severity === s).length] as const).filter(([, n]) => n > 0);
  return counts.length ? counts.map(([s, n]) => `${n} ${s === 'error' ? 'error' : 'warning'}${n === 1 ? '' : 's'}`).join(', ') : 'no problems';
}

/** One line for a verification's outcome, as the CLI, the terminal and the UI show it. */
export function describeExecution(execution: VerifyExecution): string {
  switch (execution.status) {
    case 'imported':
      return `Imported ${execution.runner === 'qemu' ? 'under qemu' : 'on this machine'} with ${execution.python}: ${execution.modules.join(', ') || '(no modules)'}${execution.smoke ? `; the smoke check printed ${execution.smoke.output.split('\n').at(-1) || 'nothing'}` : ''}.`;
    case 'failed':
      return `Verification failed at the ${execution.stage} step${execution.runner === 'qemu' ? ' (under qemu)' : ''}: ${execution.message}`;
    case 'not-executed':
      return `Not executed: ${execution.reason}`;
  }
}
