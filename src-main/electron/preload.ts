import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { EventListener } from '../common/contract';
import { METHOD_NAMES } from '../common/methods';
import { isErrorData } from '../common/errors';
import type { WheelbenchEvent } from '../common/events';

// The renderer gets exactly one function per contract method plus onEvent: never ipcRenderer.
// pathForFile is local, no IPC: a dropped file's path is only readable here (webUtils), and the
// renderer passes it to inspectWheel like any other path.
// Channel names are repeated here because a sandboxed preload is a single bundle.
const IPC_CALL = 'wheelbench:call';
const IPC_EVENT = 'wheelbench:event';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function call(method: string) {
  return async (params: unknown = {}) => {
    const outcome = (await ipcRenderer.invoke(IPC_CALL, method, params)) as Outcome;
    if (outcome.ok) return outcome.value;
    // A plain object, not an Error: contextBridge keeps only the message of a thrown Error.
    throw isErrorData(outcome.error) ? outcome.error : { code: 'internal', message: String(outcome.error) };
  };
}

const api: Record<string, unknown> = Object.fromEntries(METHOD_NAMES.map((m) => [m, call(m)]));
api.onEvent = (listener: EventListener) => {
  const handler = (_: unknown, event: WheelbenchEvent) => listener(event);
  ipcRenderer.on(IPC_EVENT, handler);
  return () => ipcRenderer.removeListener(IPC_EVENT, handler);
};

api.pathForFile = (file: File) => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld('wheelbench', api);
