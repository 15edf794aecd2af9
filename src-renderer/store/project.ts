import { create } from 'zustand';
import type { ProjectSummary } from '../../src-main/common/domain';
import { api } from '../api';
import { joinPath } from '../util/paths';
import { showError } from './errors';
import { loadRecentProjects, setPathInput, useSettingsStore } from './settings';
import { clearWheels, loadWheels } from './wheels';

interface ProjectState {
  readonly project: ProjectSummary | null;
  readonly opening: boolean;
}

export const useProjectStore = create<ProjectState>()(() => ({ project: null, opening: false }));

export function distDirOf(project: ProjectSummary): string {
  return joinPath(project.root, 'dist');
}

/** Open a project folder. On failure the previous project stays open and the error is shown. */
export async function openProject(path: string): Promise<void> {
  const trimmed = path.trim();
  if (trimmed === '') {
    showError({ code: 'invalid-arguments', message: 'Type the path of a project folder first (the folder with pyproject.toml).' }, 'Opening a project');
    return;
  }
  useProjectStore.setState({ opening: true });
  try {
    const project = await api().openProject({ path: trimmed });
    useProjectStore.setState({ project });
    setPathInput(project.root);
    clearWheels();
    void loadWheels(distDirOf(project));
    void loadRecentProjects();
  } catch (err) {
    showError(err, `Opening ${trimmed}`);
  } finally {
    useProjectStore.setState({ opening: false });
  }
}

export async function openExample(): Promise<void> {
  const example = useSettingsStore.getState().appInfo?.exampleProject;
  if (!example) {
    showError({ code: 'not-found', message: 'Wheelbench has not said where its example project is yet; try again in a moment.' }, 'Opening the example');
    return;
  }
  setPathInput(example);
  await openProject(example);
}

export async function browseForProject(): Promise<void> {
  try {
    const chosen = await api().chooseProjectFolder({});
    if (chosen) {
      setPathInput(chosen);
      await openProject(chosen);
    }
  } catch (err) {
    showError(err, 'Choosing a folder');
  }
}
