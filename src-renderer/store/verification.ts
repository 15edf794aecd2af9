import type { VerifyExecution } from '../../src-main/common/wheel-report';

/** Where a wheel's verification stands in this window (pure data: the badges and tests use it alone). */
export type Verification =
  /** `waiting`: queued behind another verification, not installing yet. */
  | { readonly status: 'running'; readonly jobId: string; readonly waiting?: boolean }
  | { readonly status: 'done'; readonly ok: boolean; readonly execution: VerifyExecution | null; readonly message: string };
