import type { IpcMain, WebContents } from 'electron';
import type { WheelbenchClient } from '../common/contract';
import { dispatch, withListener } from './dispatch';

export const IPC_CALL = 'wheelbench:call';
export const IPC_EVENT = 'wheelbench:event';

/**
 * Bridges the contract over Electron IPC: one invoke channel for calls, one push channel for events.
 * Only frames from our own window, showing our own page, are answered.
 */
export function bridgeIpc(
  ipcMain: IpcMain,
  core: WheelbenchClient,
  isTrustedSender: (sender: WebContents, frameUrl: string | undefined) => boolean,
  target: () => WebContents | null,
): () => void {
  ipcMain.handle(IPC_CALL, async (event, method: unknown, params: unknown) => {
    if (!isTrustedSender(event.sender, event.senderFrame?.url)) {
      return { ok: false, error: { code: 'unsupported', message: 'Refused: the sender is not a Wheelbench window.' } };
    }
    return dispatch(core, method, withListener(method, params, `window-${event.sender.id}`));
  });
  const unsubscribe = core.onEvent((evt) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, evt);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}
