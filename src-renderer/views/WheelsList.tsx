import { Panel } from '../components/Panel';
import { useProjectStore, distDirOf } from '../store/project';
import { loadWheels, useWheelsStore } from '../store/wheels';
import { humanSize } from '../util/format';

export function WheelsList() {
  const { items, fresh, loading, dir } = useWheelsStore();
  const project = useProjectStore((s) => s.project);

  return (
    <Panel
      title="Wheels"
      className="wheels-panel"
      testId="wheels-panel"
      busy={loading}
      actions={
        project ? (
          <button type="button" className="ghost" onClick={() => void loadWheels(distDirOf(project))} disabled={loading}>
            Refresh
          </button>
        ) : null
      }
    >
      {dir ? (
        <div className="wheels-dir muted">
          in <code>{dir}</code>
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{loading ? 'Looking for wheels…' : project ? 'No wheels yet. Build one.' : 'Wheels you build appear here.'}</p>
      ) : (
        <ul className="wheels">
          {items.map((w) => (
            <li key={w.path} className="wheel" data-testid="wheel-item" title={w.path}>
              <span className="wheel-icon" aria-hidden="true">
                ⬡
              </span>
              <span className="wheel-name" data-testid="wheel-name">
                {w.fileName}
              </span>
              {fresh.includes(w.path) ? <span className="badge badge-new">new</span> : null}
              <span className="wheel-tags">
                {w.tags.map((t) => {
                  const tag = `${t.python}-${t.abi}-${t.platform}`;
                  return (
                    <span className="badge" key={tag} data-testid="wheel-tag">
                      {tag}
                    </span>
                  );
                })}
              </span>
              <span className="wheel-size" data-testid="wheel-size">
                {humanSize(w.sizeBytes)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
