import { create } from 'zustand';
import type { ProjectFixPreview, ProjectFixResult } from '../../src-main/common/domain';
import { api } from '../api';
import { showError } from './errors';
import { useProjectStore } from './project';

// A fix is shown as a diff first; only Apply writes, and only what was shown (the fingerprint makes
// the core refuse if the files changed in between).

interface FixState {
  /** The fix being looked at, while its preview loads and after. */
  readonly fixId: string | null;
  readonly preview: ProjectFixPreview | null;
  readonly applying: boolean;
  /** What the last apply wrote, for the notice under the card. */
  readonly applied: ProjectFixResult | null;
}

export const useFixStore = create<FixState>()(() => ({ fixId: null, preview: null, applying: false, applied: null }));

export async function previewFix(fixId: string): Promise<void> {
  const project = useProjectStore.getState().project;
  if (!project) return;
  useFixStore.setState({ fixId, preview: null, applied: null });
  try {
    const preview = await api().previewProjectFix({ path: project.root, fixId });
    if (useFixStore.getState().fixId === fixId) useFixStore.setState({ preview });
  } catch (err) {
    useFixStore.setState({ fixId: null });
    showError(err, `Preparing the fix ${fixId}`);
  }
}

export async function applyFix(): Promise<void> {
  const { preview } = useFixStore.getState();
  const project = useProjectStore.getState().project;
  if (!preview || !project) return;
  useFixStore.setState({ applying: true });
  try {
    const applied = await api().applyProjectFix({ path: project.root, fixId: preview.fixId, fingerprint: preview.fingerprint });
    useProjectStore.setState({ project: applied.project });
    useFixStore.setState({ fixId: null, preview: null, applied });
  } catch (err) {
    showError(err, `Applying the fix ${preview.fixId}`);
  } finally {
    useFixStore.setState({ applying: false });
  }
}

export function closeFix(): void {
  useFixStore.setState({ fixId: null, preview: null });
}

export function dismissApplied(): void {
  useFixStore.setState({ applied: null });
}
