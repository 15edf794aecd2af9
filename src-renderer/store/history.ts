import { create } from 'zustand';
import type { HistoryEntry } from '../../src-main/common/domain';
import { api, isConnectionLost, toApiError } from '../api';
import { useProjectStore } from './project';

// Past builds (one entry per target of a build) and the log of the one picked.

interface HistoryState {
  readonly open: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  readonly entries: readonly HistoryEntry[];
  /** The project the list is for; null means every project. */
  readonly projectDir: string | null;
  readonly selected: HistoryEntry | null;
  readonly log: string | null;
  readonly logLoading: boolean;
  readonly logError: string | null;
}

export const useHistoryStore = create<HistoryState>()(() => ({
  open: false,
  loading: false,
  error: null,
  entries: [],
  projectDir: null,
  selected: null,
  log: null,
  logLoading: false,
  logError: null,
}));

/** A stable key for an entry (a build has one entry per target). */
export const entryKey = (e: HistoryEntry): string => `${e.jobId}/${e.target}/${e.at}`;

let listGeneration = 0;
let logGeneration = 0;

export async function loadHistory(): Promise<void> {
  const mine = ++listGeneration;
  const projectDir = useProjectStore.getState().project?.root ?? null;
  useHistoryStore.setState({ loading: true, projectDir });
  try {
    const entries = await api().listHistory(projectDir ? { projectDir, limit: 200 } : { limit: 200 });
    if (mine === listGeneration) useHistoryStore.setState({ entries, error: null });
  } catch (err) {
    if (mine === listGeneration && !isConnectionLost(err)) useHistoryStore.setState({ error: toApiError(err).message });
  } finally {
    if (mine === listGeneration) useHistoryStore.setState({ loading: false });
  }
}

/** Open the history; with `pick`, select that build's target and show its log once listed. */
export async function openHistory(pick?: { readonly jobId: string; readonly target: string }): Promise<void> {
  useHistoryStore.setState({ open: true });
  await loadHistory();
  const { entries, selected } = useHistoryStore.getState();
  const wanted = pick ? entries.find((e) => e.jobId === pick.jobId && e.target === pick.target) : undefined;
  if (wanted) void selectHistoryEntry(wanted);
  else if (selected && !entries.some((e) => entryKey(e) === entryKey(selected))) useHistoryStore.setState({ selected: null, log: null, logError: null });
}

export function closeHistory(): void {
  useHistoryStore.setState({ open: false });
}

export async function selectHistoryEntry(entry: HistoryEntry): Promise<void> {
  const mine = ++logGeneration;
  useHistoryStore.setState({ selected: entry, log: null, logError: null, logLoading: true });
  try {
    const log = await api().readBuildLog({ logFile: entry.logFile });
    if (mine === logGeneration) useHistoryStore.setState({ log });
  } catch (err) {
    if (mine === logGeneration) useHistoryStore.setState({ logError: toApiError(err).message });
  } finally {
    if (mine === logGeneration) useHistoryStore.setState({ logLoading: false });
  }
}
