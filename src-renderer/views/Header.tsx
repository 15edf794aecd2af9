import type { FormEvent } from 'react';
import { browseForProject, openExample, openProject, useProjectStore } from '../store/project';
import { openSettings } from '../store/build-settings';
import { openHistory } from '../store/history';
import { openNewProject } from '../store/new-project';
import { setPathInput, useSettingsStore } from '../store/settings';
import { ARIA_MOD, MOD } from '../util/keys';

/** The folder a new project most likely goes in: the parent of the one in the path field. */
function parentOf(path: string): string {
  const trimmed = path.trim().replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut > 0 ? trimmed.slice(0, cut) : '';
}

export function Header() {
  const { appInfo, recent, pathInput } = useSettingsStore();
  const opening = useProjectStore((s) => s.opening);

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void openProject(pathInput);
  };

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◈
        </span>
        <h1>Wheelbench</h1>
        {appInfo ? (
          <span className="brand-meta" title={`Data: ${appInfo.dataDir}`}>
            v{appInfo.version} · {appInfo.mode} · {appInfo.platform}
          </span>
        ) : null}
      </div>
      <form className="open-form" onSubmit={onSubmit} aria-label="Open a project">
        <label htmlFor="project-path" className="open-label">
          Project folder
        </label>
        <input
          id="project-path"
          data-testid="path-input"
          type="text"
          list="recent-projects"
          value={pathInput}
          onChange={(e) => setPathInput(e.target.value)}
          placeholder="/path/to/project (the folder with pyproject.toml)"
          spellCheck={false}
          autoComplete="off"
        />
        <datalist id="recent-projects">
          {recent.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <button type="submit" className="primary" data-testid="open-button" disabled={opening}>
          {opening ? 'Opening…' : 'Open'}
        </button>
        {appInfo?.canChooseFolder ? (
          <button type="button" data-testid="browse-button" onClick={() => void browseForProject()} disabled={opening}>
            Browse…
          </button>
        ) : null}
        <button
          type="button"
          data-testid="example-button"
          onClick={() => void openExample()}
          disabled={opening || !appInfo}
          title={appInfo ? `Open the bundled example: ${appInfo.exampleProject}` : undefined}
        >
          Example
        </button>
        <button type="button" data-testid="new-project-button" onClick={() => openNewProject(parentOf(pathInput))} disabled={!appInfo}>
          New…
        </button>
      </form>
      <nav className="header-tools" aria-label="Tools">
        <button
          type="button"
          data-testid="history-button"
          onClick={() => void openHistory()}
          title={`Past builds and their logs (${MOD}+H)`}
          aria-keyshortcuts={`${ARIA_MOD}+H`}
        >
          History
        </button>
        <button
          type="button"
          data-testid="settings-button"
          onClick={openSettings}
          title={`Build settings (${MOD}+,)`}
          aria-keyshortcuts={`${ARIA_MOD}+,`}
        >
          ⚙ Settings
        </button>
      </nav>
    </header>
  );
}
