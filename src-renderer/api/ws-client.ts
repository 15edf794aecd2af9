import type { MethodName, ParamsOf, ResultOf, WheelbenchApi, WheelbenchClient, EventListener } from '../../src-main/common/contract';
import type { WheelbenchEvent } from '../../src-main/common/events';
import type { RequestFrame, ServerFrame } from '../../src-main/common/frames';
import { ApiError, isErrorData } from './errors';
import { METHOD_NAMES, type ConnectionState, type Transport } from './transport';

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(reason: unknown): void;
}

export interface WsTransportOptions {
  readonly url: string;
  /** Backoff between reconnect attempts: initial delay, doubled per failure up to max. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** For tests. */
  readonly WebSocketImpl?: typeof WebSocket;
}

/** The URL of the web mode's socket: same host as the page, authenticated by its HttpOnly cookie. */
export function defaultSocketUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

/**
 * The contract over a WebSocket: RequestFrame out, ResponseFrame/EventFrame in. Reconnects with
 * exponential backoff; calls made while disconnected wait for the next connection; calls in flight
 * when the socket drops are rejected (their answer is lost with it).
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const WS = options.WebSocketImpl ?? WebSocket;
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;

  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  const eventListeners = new Set<EventListener>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = { status: 'connecting', everConnected: false, attempt: 0, retryInMs: null };

  const setState = (next: ConnectionState): void => {
    state = next;
    for (const l of connectionListeners) l(state);
  };

  const connect = (): void => {
    let ws: WebSocket;
    try {
      ws = new WS(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      setState({ status: 'open', everConnected: true, attempt: 0, retryInMs: null });
      while (queued.length > 0 && ws.readyState === WS.OPEN) ws.send(queued.shift() as string);
    };
    ws.onmessage = (msg) => {
      if (typeof msg.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(msg.data) as ServerFrame;
      } catch {
        console.warn('wheelbench: ignoring a frame that is not JSON');
        return;
      }
      handleFrame(frame);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending();
      scheduleReconnect();
    };
    // An error is always followed by close; nothing to do here.
    ws.onerror = () => undefined;
  };

  const scheduleReconnect = (): void => {
    const attempt = state.attempt + 1;
    const base = Math.min(maxDelay, initialDelay * 2 ** (attempt - 1));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    setState({ status: 'reconnecting', everConnected: state.everConnected, attempt, retryInMs: delay });
    setTimeout(connect, delay);
  };

  const failPending = (): void => {
    const lost = [...pending.values()];
    pending.clear();
    for (const p of lost) {
      const err = new ApiError({
        code: 'internal',
        message: `The connection to Wheelbench dropped before "${p.method}" answered. It will reconnect; try again.`,
      });
      err.connectionLost = true;
      p.reject(err);
    }
  };

  const handleFrame = (frame: ServerFrame): void => {
    if (frame.kind === 'event') {
      emit(frame.event);
      return;
    }
    if (frame.kind !== 'response') return;
    const p = pending.get(frame.id);
    if (!p) return;
    pending.delete(frame.id);
    if (frame.ok) p.resolve(frame.value);
    else
      p.reject(
        new ApiError(
          isErrorData(frame.error) ? frame.error : { code: 'internal', message: 'The server sent an error without a message.' },
        ),
      );
  };

  const emit = (event: WheelbenchEvent): void => {
    for (const l of eventListeners) {
      try {
        l(event);
      } catch (err) {
        console.error('wheelbench: event listener failed', err);
      }
    }
  };

  const request = <M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> =>
    new Promise<ResultOf<M>>((resolve, reject) => {
      const id = nextId++;
      const frame: RequestFrame = { kind: 'request', id, method, params: params ?? {} };
      pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      const text = JSON.stringify(frame);
      if (socket && socket.readyState === WS.OPEN) socket.send(text);
      else queued.push(text);
    });

  const api = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, (params: ParamsOf<typeof m>) => request(m, params)]),
  ) as unknown as WheelbenchApi;

  const client: WheelbenchClient = {
    ...api,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
  };

  connect();

  return {
    kind: 'web',
    client,
    connection: () => state,
    pathForFile: null,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
