import { create } from 'zustand';
import type { Fix } from '../../src-main/common/domain';
import type { ErrorCode } from '../../src-main/common/errors';
import { formatLocation, toApiError } from '../api/errors';

export interface ShownError {
  readonly id: number;
  /** What the user was doing, e.g. "Opening /home/me/proj". */
  readonly context: string | null;
  readonly code: ErrorCode;
  readonly message: string;
  /** file:line:col, or '' when there is no location. */
  readonly location: string;
  readonly fix: Fix | null;
}

interface ErrorState {
  readonly errors: readonly ShownError[];
}

export const useErrorStore = create<ErrorState>()(() => ({ errors: [] }));

let nextId = 1;
const MAX_SHOWN = 5;

/** Show any failure in the error banner: the message, where (file:line:col) and the fix. */
export function showError(err: unknown, context: string | null = null): void {
  const e = toApiError(err);
  const shown: ShownError = {
    id: nextId++,
    context,
    code: e.code,
    message: e.message,
    location: formatLocation(e),
    fix: e.fix ?? null,
  };
  useErrorStore.setState((s) => {
    // The same failure twice in a row (e.g. a repeated click) is shown once.
    const rest = s.errors.filter((x) => !(x.message === shown.message && x.context === shown.context));
    return { errors: [...rest, shown].slice(-MAX_SHOWN) };
  });
}

export function dismissError(id: number): void {
  useErrorStore.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

export function dismissAllErrors(): void {
  useErrorStore.setState({ errors: [] });
}
