import type { ReactNode } from 'react';
import type { ProjectProblem, ProjectSummary } from '../../src-main/common/domain';
import { FixView } from '../components/FixView';
import { Panel } from '../components/Panel';
import { RichText } from '../components/RichText';
import { StatusIcon } from '../components/StatusIcon';
import { formatLocation } from '../api/errors';
import { useProjectStore } from '../store/project';
import { dismissApplied, previewFix, useFixStore } from '../store/project-fix';
import { baseName, relativeTo } from '../util/paths';

const BACKENDS: Record<string, string> = {
  maturin: 'maturin',
  hybrid: 'hybrid — pip/uv install without Rust; maturin builds platform wheels',
  'setuptools-rust': 'setuptools-rust (setup.py)',
  unknown: 'none that builds Rust',
};

const NEEDS: Record<string, string> = { protoc: 'protoc', 'c-compiler': 'a C compiler', openssl: 'OpenSSL' };

interface Row {
  readonly label: string;
  readonly value: ReactNode;
  readonly testId: string;
  /** The full text when the value is shortened (a path shown relative to the project). */
  readonly title?: string;
  /** Shown even when empty, as a dash. */
  readonly always?: boolean;
}

function rowsOf(p: ProjectSummary): Row[] {
  const rel = (path: string | null) => (path === null ? null : relativeTo(p.root, path));
  const crate = p.crate;
  const python = [p.requiresPython && `requires ${p.requiresPython}`, p.pythonRange && `PyO3 builds for ${p.pythonRange.min}–${p.pythonRange.max}`].filter(Boolean).join(' · ');
  const pyo3 = p.pyo3Version && [p.pyo3Version, p.pyo3Locked && p.pyo3Locked !== p.pyo3Version ? `locked ${p.pyo3Locked}` : null, p.pyo3Features.length ? p.pyo3Features.join(', ') : null].filter(Boolean).join(' · ');
  return [
    { label: 'Module', value: p.moduleName, testId: 'project-module', always: true },
    { label: 'Extension', value: p.extension?.inWheel ?? null, testId: 'project-extension', title: p.extension?.inSource ? `maturin develop puts it at ${p.extension.inSource}` : 'where it lands in the wheel' },
    { label: 'Python source', value: rel(p.pythonSource) === '.' ? '. (the project root)' : rel(p.pythonSource), testId: 'project-python-source', title: p.pythonSource ?? undefined, always: true },
    { label: 'Backend', value: BACKENDS[p.backend] ?? p.backend, testId: 'project-backend', always: true },
    { label: 'Bindings', value: p.bindings, testId: 'project-bindings' },
    { label: 'Crate', value: crate && `${crate.name} · lib ${crate.libName} · ${crate.crateTypes.join(', ')}`, testId: 'project-crate' },
    { label: 'Manifest', value: rel(p.manifestPath), testId: 'project-manifest', title: p.manifestPath ?? undefined },
    { label: 'Workspace', value: crate?.workspaceRoot ? rel(crate.workspaceRoot) : null, testId: 'project-workspace', title: crate?.workspaceRoot ?? undefined },
    { label: 'PyO3', value: pyo3, testId: 'project-pyo3' },
    { label: 'abi3', value: p.abi3 && `${p.abi3} — one wheel for Python ${p.abi3.replace(/^py(\d)(\d+)$/, '$1.$2')}+`, testId: 'project-abi3' },
    { label: 'Python', value: python || null, testId: 'project-python' },
    {
      label: 'Toolchain',
      value: p.toolchain && `${p.toolchain.channel} (${baseName(p.toolchain.file)})${p.toolchain.installed === false ? ' — not installed' : ''}`,
      testId: 'project-toolchain',
    },
    { label: 'Build needs', value: p.buildNeeds.length ? p.buildNeeds.map((n) => NEEDS[n] ?? n).join(', ') : null, testId: 'project-build-needs' },
    {
      label: 'Cargo config',
      value: p.cargoConfigs.length
        ? p.cargoConfigs.map((c) => (
            <div key={c.path} className={c.applies ? undefined : 'ignored'} title={c.path}>
              {rel(c.path)}
              {c.applies ? '' : ' — ignored'}
            </div>
          ))
        : null,
      testId: 'project-cargo-config',
    },
    { label: 'Nix', value: p.nixFiles.length ? p.nixFiles.map((f) => baseName(f)).join(', ') : null, testId: 'project-nix' },
  ];
}

function ProblemItem({ problem, root }: { readonly problem: ProjectProblem; readonly root: string }) {
  const loading = useFixStore((s) => s.fixId !== null && s.preview === null);
  const where = problem.file ? formatLocation({ ...problem, file: relativeTo(root, problem.file) }) : '';
  return (
    <li className={`problem severity-${problem.severity}`} data-testid="project-problem" data-severity={problem.severity} data-problem-id={problem.id}>
      <StatusIcon status={problem.severity} />
      <div className="problem-body">
        <div>
          <RichText text={problem.message} />
        </div>
        {where ? (
          <code className="location" title={problem.file}>
            {where}
          </code>
        ) : null}
        {problem.fix ? <FixView fix={problem.fix} label={problem.fixes?.length ? 'Why / how' : 'Fix'} /> : null}
        {problem.fixes?.length ? (
          <div className="fix-buttons">
            {problem.fixes.map((option) => (
              <button key={option.id} type="button" className="small" data-testid="fix-button" data-fix-id={option.id} disabled={loading} onClick={() => void previewFix(option.id)}>
                Fix: {option.summary}…
              </button>
            ))}
          </div>
        ) : null}
      </div>
    </li>
  );
}

function AppliedNotice({ root }: { readonly root: string }) {
  const applied = useFixStore((s) => s.applied);
  if (!applied) return null;
  return (
    <div className="applied-notice" data-testid="fix-applied" role="status">
      <span>
        ✓ {applied.summary}: wrote {applied.files.map((f) => relativeTo(root, f.path)).join(', ')}
        {applied.backups.length ? ` (original kept in ${applied.backups.map((b) => relativeTo(root, b)).join(', ')})` : ''}.
      </span>
      <button type="button" className="ghost small" onClick={dismissApplied} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

function countsOf(problems: readonly ProjectProblem[]): string {
  if (problems.length === 0) return 'none';
  const n = (severity: ProjectProblem['severity']) => problems.filter((p) => p.severity === severity).length;
  const plural = (count: number, word: string) => (count ? `${count} ${word}${count > 1 ? 's' : ''}` : '');
  return [plural(n('error'), 'error'), plural(n('warn'), 'warning'), plural(n('info'), 'note')].filter(Boolean).join(' · ');
}

export function ProjectCard() {
  const { project, opening } = useProjectStore();

  if (!project) {
    return (
      <Panel title="Project" testId="project-card" busy={opening}>
        <p className="empty">{opening ? 'Opening…' : 'No project open. Type a folder above and press Open, try the Example, or create a New project.'}</p>
      </Panel>
    );
  }

  return (
    <Panel title="Project" testId="project-card" busy={opening}>
      <div className="project-title" data-testid="project-title">
        <span data-testid="project-name">{project.name ?? '(unnamed)'}</span>
        {project.version ? (
          <span className="project-version" data-testid="project-version" title={project.versionSource === 'cargo' ? 'from Cargo.toml' : 'from pyproject.toml'}>
            {project.version}
          </span>
        ) : null}
      </div>
      <div className="project-root" title={project.root}>
        {project.root}
      </div>
      <dl className="kv">
        {rowsOf(project)
          .filter((row) => row.value !== null || row.always)
          .map((row) => (
            <div className="kv-row" key={row.label}>
              <dt>{row.label}</dt>
              <dd data-testid={row.testId} title={row.title}>
                {row.value ?? <span className="muted">—</span>}
              </dd>
            </div>
          ))}
      </dl>
      <AppliedNotice root={project.root} />
      <h3 className="subhead">
        Problems <span className="muted">{countsOf(project.problems)}</span>
      </h3>
      {project.problems.length > 0 ? (
        <ul className="problems">
          {project.problems.map((p) => (
            <ProblemItem key={p.id + (p.file ?? '')} problem={p} root={project.root} />
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
