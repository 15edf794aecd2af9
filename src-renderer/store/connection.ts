import { create } from 'zustand';
import type { ConnectionState } from '../api/transport';

export const useConnectionStore = create<ConnectionState>()(() => ({
  status: 'connecting',
  everConnected: false,
  attempt: 0,
  retryInMs: null,
}));

export function setConnection(state: ConnectionState): void {
  useConnectionStore.setState(state, true);
}
