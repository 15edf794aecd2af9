import { isMethodName, paramSchemas, type MethodName, type WheelbenchApi } from '../common/contract';
import { toErrorData, type WheelbenchErrorData } from '../common/errors';

export type DispatchOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: WheelbenchErrorData };

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Validates a call against the contract and runs it: the one way into the core from outside. */
export async function dispatch(api: WheelbenchApi, method: unknown, params: unknown): Promise<DispatchOutcome> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `Unknown method ${JSON.stringify(method)}.` } };
  }
  const parsed = paramSchemas[method].safeParse(params ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid-arguments', message: `Bad arguments for ${method}: ${describeIssues(parsed.error.issues)}.` },
    };
  }
  try {
    const call = api[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, value: await call(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

export type { MethodName };

/** Output acknowledgements are counted per listener; the transport, not the page, says which one. */
export function withListener(method: unknown, params: unknown, listener: string): unknown {
  if (method !== 'ackOutput' || typeof params !== 'object' || params === null) return params;
  return { ...params, listener };
}
