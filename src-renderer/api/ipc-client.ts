import type { MethodName, ParamsOf, WheelbenchApi, WheelbenchClient } from '../../src-main/common/contract';
import { toApiError } from './errors';
import { METHOD_NAMES, type ConnectionState, type Transport } from './transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload: one function per contract method, plus onEvent and pathForFile. */
    readonly wheelbench?: WheelbenchClient & { readonly pathForFile?: (file: File) => string };
  }
}

const OPEN: ConnectionState = { status: 'open', everConnected: true, attempt: 0, retryInMs: null };

/** The contract through the Electron preload. Errors are normalised into ApiError like the web mode's. */
export function createIpcTransport(bridge: WheelbenchClient & { readonly pathForFile?: (file: File) => string }): Transport {
  const api = Object.fromEntries(
    METHOD_NAMES.map((m) => [
      m,
      async (params: ParamsOf<MethodName>) => {
        const fn = bridge[m] as ((p: unknown) => Promise<unknown>) | undefined;
        if (typeof fn !== 'function') {
          throw toApiError({ code: 'unknown-method', message: `This version of Wheelbench has no "${m}".` });
        }
        try {
          return await fn(params ?? {});
        } catch (err) {
          throw toApiError(err);
        }
      },
    ]),
  ) as unknown as WheelbenchApi;

  const client: WheelbenchClient = {
    ...api,
    onEvent: (listener) => bridge.onEvent(listener),
  };
  return {
    kind: 'electron',
    client,
    connection: () => OPEN,
    pathForFile: bridge.pathForFile ? (file) => bridge.pathForFile?.(file) ?? '' : null,
    onConnectionChange: () => () => undefined,
  };
}
