import type { BuildResult, ManagedTool, Strategy, TargetResult } from './domain';
import type { VerifyReport, WheelReport } from './wheel-report';

// Everything the core tells its listeners, as one discriminated union. `build --json` prints these as
// NDJSON; the renderer's store is fed by them.

/** A job is a build, a managed-tool install, a wheel verification or a doctor fix: anything that streams terminal output. */
export type JobKind = 'build' | 'tool-install' | 'verify' | 'doctor-fix';

export type WheelbenchEvent =
  | {
      readonly type: 'job-started';
      readonly jobId: string;
      readonly kind: JobKind;
      readonly title: string;
    }
  | {
      /** Terminal bytes, decoded as UTF-8 and batched (~16 ms / 200 KB). Acknowledge with ackOutput. */
      readonly type: 'output';
      readonly jobId: string;
      /** The target this output belongs to, when the job is a build. */
      readonly target?: string;
      readonly data: string;
    }
  | {
      readonly type: 'target-started';
      readonly jobId: string;
      readonly target: string;
      readonly strategy: Strategy;
      readonly command: readonly string[];
    }
  | {
      readonly type: 'progress';
      readonly jobId: string;
      readonly target: string;
      /** 0–100, from cargo's unit counts. */
      readonly percent: number;
      readonly unitsDone: number;
      readonly unitsTotal: number;
      readonly current: string | null;
    }
  | { readonly type: 'target-finished'; readonly jobId: string; readonly result: TargetResult }
  | {
      readonly type: 'tool-install-finished';
      readonly jobId: string;
      readonly tools: readonly ManagedTool[];
      readonly ok: boolean;
      readonly message: string;
    }
  | ({ readonly type: 'result'; readonly jobId: string } & BuildResult)
  /** A build inspected a wheel it produced (before the result event). */
  | { readonly type: 'wheel-inspected'; readonly jobId: string; readonly report: WheelReport }
  /** A verification waits for its turn to install and import (true), or its turn came (false). */
  | { readonly type: 'verify-waiting'; readonly jobId: string; readonly waiting: boolean }
  | {
      readonly type: 'verify-finished';
      readonly jobId: string;
      readonly ok: boolean;
      /** Null when the wheel could not even be inspected (the message says why). */
      readonly report: VerifyReport | null;
      readonly message: string;
    }
  | {
      readonly type: 'fix-finished';
      readonly jobId: string;
      /** The check id whose fix ran. */
      readonly fixId: string;
      readonly ok: boolean;
      /** What happened; on failure, why and what to do instead. */
      readonly message: string;
    };

export type WheelbenchEventType = WheelbenchEvent['type'];
export type EventOf<T extends WheelbenchEventType> = Extract<WheelbenchEvent, { type: T }>;
