import { createIpcTransport } from './ipc-client';
import type { Transport } from './transport';
import { createWsTransport, defaultSocketUrl } from './ws-client';

export { ApiError, toApiError, formatLocation, isConnectionLost } from './errors';
export type { ConnectionState, Transport } from './transport';

let transport: Transport | null = null;

/** Chosen once at start: the Electron preload when present, otherwise the web mode's WebSocket. */
export function getTransport(): Transport {
  if (!transport) {
    transport = window.wheelbench ? createIpcTransport(window.wheelbench) : createWsTransport({ url: defaultSocketUrl() });
  }
  return transport;
}

/** The typed API client. */
export function api() {
  return getTransport().client;
}
