import { FixView } from '../components/FixView';
import { Panel } from '../components/Panel';
import { RichText } from '../components/RichText';
import { StatusIcon } from '../components/StatusIcon';
import { formatLocation } from '../api/errors';
import { useProjectStore } from '../store/project';
import { relativeTo } from '../util/paths';

const BACKENDS: Record<string, string> = {
  maturin: 'maturin',
  hybrid: 'hybrid (maturin for platform wheels)',
  'setuptools-rust': 'setuptools-rust',
  unknown: 'unknown',
};

export function ProjectCard() {
  const { project, opening } = useProjectStore();

  if (!project) {
    return (
      <Panel title="Project" testId="project-card" busy={opening}>
        <p className="empty">
          {opening ? 'Opening…' : 'No project open. Type a folder above and press Open, or try the Example.'}
        </p>
      </Panel>
    );
  }

  // Paths inside the project are shown relative to it (the full path is in the tooltip).
  const rel = (p: string | null): [string | null, string | undefined] => (p === null ? [null, undefined] : [relativeTo(project.root, p), p]);
  const rows: [string, [string | null, string | undefined], string][] = [
    ['Name', [project.name, undefined], 'project-name'],
    ['Module', [project.moduleName, undefined], 'project-module'],
    ['Python source', rel(project.pythonSource), 'project-python-source'],
    ['Backend', [BACKENDS[project.backend] ?? project.backend, undefined], 'project-backend'],
    ['Bindings', [project.bindings, undefined], 'project-bindings'],
    ['PyO3', [project.pyo3Version, undefined], 'project-pyo3'],
    ['abi3', [project.abi3, undefined], 'project-abi3'],
    ['Manifest', rel(project.manifestPath), 'project-manifest'],
  ];
  const counts = { error: 0, warn: 0, info: 0 };
  for (const p of project.problems) counts[p.severity]++;

  return (
    <Panel title="Project" testId="project-card" busy={opening}>
      <div className="project-title" data-testid="project-title">
        {project.name ?? '(unnamed)'}
      </div>
      <div className="project-root" title={project.root}>
        {project.root}
      </div>
      <dl className="kv">
        {rows
          .filter(([, [value]], i) => value !== null || i < 4)
          .map(([label, [value, full], testId]) => (
            <div className="kv-row" key={label}>
              <dt>{label}</dt>
              <dd data-testid={testId} title={full}>
                {value ?? <span className="muted">—</span>}
              </dd>
            </div>
          ))}
      </dl>
      <h3 className="subhead">
        Problems{' '}
        <span className="muted">
          {project.problems.length === 0
            ? 'none'
            : [counts.error && `${counts.error} error${counts.error > 1 ? 's' : ''}`, counts.warn && `${counts.warn} warning${counts.warn > 1 ? 's' : ''}`, counts.info && `${counts.info} note${counts.info > 1 ? 's' : ''}`]
                .filter(Boolean)
                .join(' · ')}
        </span>
      </h3>
      {project.problems.length > 0 ? (
        <ul className="problems">
          {project.problems.map((p) => {
            const where = formatLocation(p);
            return (
              <li key={p.id + where} className={`problem severity-${p.severity}`} data-testid="project-problem" data-severity={p.severity}>
                <StatusIcon status={p.severity} />
                <div className="problem-body">
                  <div>
                    <RichText text={p.message} />
                  </div>
                  {where ? <code className="location">{where}</code> : null}
                  {p.fix ? <FixView fix={p.fix} /> : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Panel>
  );
}
