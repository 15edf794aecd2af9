import type { WebSocket } from 'ws';
import type { WheelbenchClient } from '../common/contract';
import type { RequestFrame, ServerFrame } from '../common/frames';
import { dispatch, withListener } from './dispatch';

const MAX_FRAME_BYTES = 1024 * 1024;
let connections = 0;

function parseRequest(raw: string): RequestFrame | null {
  try {
    const frame = JSON.parse(raw) as Partial<RequestFrame>;
    if (frame.kind !== 'request' || typeof frame.id !== 'number') return null;
    return frame as RequestFrame;
  } catch {
    return null;
  }
}

/** Bridges one WebSocket connection to the core: requests in, responses and events out. */
export function serveConnection(socket: WebSocket, core: WheelbenchClient): void {
  const connectionId = `ws-${++connections}`;
  const send = (frame: ServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const unsubscribe = core.onEvent((event) => send({ kind: 'event', event }));
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
  socket.on('message', async (data, isBinary) => {
    const raw = isBinary ? '' : data.toString();
    const request = raw.length <= MAX_FRAME_BYTES ? parseRequest(raw) : null;
    if (!request) {
      send({ kind: 'response', id: -1, ok: false, error: { code: 'invalid-arguments', message: 'Malformed request frame.' } });
      return;
    }
    const outcome = await dispatch(core, request.method, withListener(request.method, request.params, connectionId));
    send({ kind: 'response', id: request.id, ...outcome });
  });
}
