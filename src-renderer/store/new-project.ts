import { create } from 'zustand';
import type { ParamsOf } from '../../src-main/common/contract';
import { api } from '../api';
import { startBuild } from './build';
import { showError } from './errors';
import { openProject } from './project';

export type NewProjectForm = ParamsOf<'createProject'>;

interface NewProjectState {
  readonly open: boolean;
  readonly creating: boolean;
  readonly form: NewProjectForm;
}

const DEFAULT_FORM: NewProjectForm = { mode: 'new', dir: '', name: '', bindings: 'pyo3', mixed: true, abi3: 'py39' };

export const useNewProjectStore = create<NewProjectState>()(() => ({ open: false, creating: false, form: DEFAULT_FORM }));

export function openNewProject(dir: string): void {
  useNewProjectStore.setState((s) => ({ open: true, form: { ...s.form, dir: s.form.dir || dir } }));
}

export function closeNewProject(): void {
  if (!useNewProjectStore.getState().creating) useNewProjectStore.setState({ open: false });
}

export function updateForm(change: Partial<NewProjectForm>): void {
  useNewProjectStore.setState((s) => ({ form: { ...s.form, ...change } }));
}

/** Runs `maturin new`/`init`, opens the result and starts building it. */
export async function createAndBuild(): Promise<void> {
  const { form } = useNewProjectStore.getState();
  useNewProjectStore.setState({ creating: true });
  try {
    const created = await api().createProject({ ...form, dir: form.dir.trim(), name: form.name.trim(), abi3: form.bindings === 'pyo3' ? form.abi3 : null });
    useNewProjectStore.setState({ open: false, form: { ...DEFAULT_FORM, dir: form.dir } });
    await openProject(created.projectDir);
    await startBuild(created.projectDir);
  } catch (err) {
    showError(err, `Creating ${form.name || 'a project'}`);
  } finally {
    useNewProjectStore.setState({ creating: false });
  }
}
