import { create } from 'zustand';
import type { WheelSummary } from '../../src-main/common/domain';
import { api, isConnectionLost } from '../api';
import { showError } from './errors';

interface WheelsState {
  /** The directory listed (the open project's dist dir), when any. */
  readonly dir: string | null;
  readonly items: readonly WheelSummary[];
  /** Paths of wheels produced by a build in this session, to mark them new. */
  readonly fresh: readonly string[];
  readonly loading: boolean;
}

export const useWheelsStore = create<WheelsState>()(() => ({ dir: null, items: [], fresh: [], loading: false }));

function byPath(items: readonly WheelSummary[]): WheelSummary[] {
  const seen = new Set<string>();
  return items.filter((w) => (seen.has(w.path) ? false : (seen.add(w.path), true)));
}

export function clearWheels(): void {
  useWheelsStore.setState({ dir: null, items: [], fresh: [], loading: false });
}

/** List the wheels already in a directory (a missing directory is simply empty). */
export async function loadWheels(dir: string): Promise<void> {
  useWheelsStore.setState({ dir, loading: true });
  try {
    const items = await api().listWheels({ dir });
    if (useWheelsStore.getState().dir !== dir) return;
    useWheelsStore.setState((s) => ({
      items: byPath([...s.items.filter((w) => s.fresh.includes(w.path)), ...items]),
    }));
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'not-found' && !isConnectionLost(err)) showError(err, `Listing wheels in ${dir}`);
  } finally {
    if (useWheelsStore.getState().dir === dir) useWheelsStore.setState({ loading: false });
  }
}

/** Wheels a build just produced go on top. */
export function addBuiltWheels(wheels: readonly WheelSummary[]): void {
  if (wheels.length === 0) return;
  useWheelsStore.setState((s) => ({
    items: byPath([...wheels, ...s.items]),
    fresh: [...new Set([...wheels.map((w) => w.path), ...s.fresh])],
  }));
}
