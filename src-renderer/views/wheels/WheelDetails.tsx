import type { WheelReport } from '../../../src-main/common/wheel-report';
import { FixView } from '../../components/FixView';
import { RichText } from '../../components/RichText';
import { StatusIcon } from '../../components/StatusIcon';
import type { Verification } from '../../store/wheels';
import { formatBytes } from '../../../src-main/common/format-bytes';

const FILES_SHOWN = 10;

function VerificationDetail({ verification }: { readonly verification: Verification | undefined }) {
  if (!verification || verification.status === 'running') return null;
  const execution = verification.execution;
  return (
    <section className="wheel-section" data-testid="wheel-verification">
      <h3>Verification</h3>
      <p className="wheel-verification-message">
        <RichText text={verification.message} />
      </p>
      {execution && execution.status !== 'imported' && execution.fix ? <FixView fix={execution.fix} /> : null}
      {execution?.status === 'failed' && execution.output.trim() ? <pre className="wheel-output">{execution.output.trim()}</pre> : null}
      {execution?.status === 'imported' && execution.smoke ? (
        <p className="muted">
          Smoke check (from pyproject.toml): <code>{execution.smoke.code}</code>
        </p>
      ) : null}
    </section>
  );
}

/** Everything the inspection found about one wheel: problems first, then the facts behind the badges. */
export function WheelDetails({ report, verification }: { readonly report: WheelReport | undefined; readonly verification: Verification | undefined }) {
  if (!report) return <VerificationDetail verification={verification} />;
  const m = report.metadata;
  return (
    <div className="wheel-details" data-testid="wheel-details">
      {report.problems.length > 0 ? (
        <section className="wheel-section">
          <h3>Problems</h3>
          <ul className="wheel-problems">
            {report.problems.map((p, i) => (
              <li key={`${p.id}-${i}`} className={`wheel-problem severity-${p.severity}`} data-testid="wheel-problem" data-problem-id={p.id}>
                <StatusIcon status={p.severity} />
                <div>
                  <div className="wheel-problem-message">
                    <RichText text={p.message} />
                  </div>
                  {p.fix ? <FixView fix={p.fix} /> : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="wheel-clean">
          <StatusIcon status="ok" /> No problems: tags, metadata, RECORD and binaries check out.
        </p>
      )}
      <VerificationDetail verification={verification} />
      <section className="wheel-section">
        <h3>Binaries</h3>
        {report.binaries.length === 0 ? (
          <p className="muted">None: pure Python.</p>
        ) : (
          <table className="wheel-table">
            <tbody>
              {report.binaries.map((b) => (
                <tr key={b.path}>
                  <td className="mono">{b.path}</td>
                  <td>{b.format === 'macho-fat' ? 'Mach-O universal' : b.format === 'macho' ? 'Mach-O' : b.format.toUpperCase()}</td>
                  <td>{b.architectures.join(' + ')}</td>
                  <td>{b.module ? (b.module.exportsInit === false ? `✗ no ${b.module.initSymbol}` : b.module.exportsInit ? `✓ ${b.module.initSymbol}` : `${b.module.initSymbol} not checked`) : 'library'}</td>
                  <td className="num">{formatBytes(b.sizeBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="wheel-section wheel-facts">
        <h3>Metadata</h3>
        <dl>
          <dt>Project</dt>
          <dd>
            {m?.name ?? report.distribution} {m?.version ?? report.version}
          </dd>
          <dt>Requires-Python</dt>
          <dd>{m?.requiresPython ?? 'any'}</dd>
          {m?.author || m?.authorEmail ? (
            <>
              <dt>Author</dt>
              <dd>{[m.author, m.authorEmail].filter(Boolean).join(' · ')}</dd>
            </>
          ) : null}
          {m?.requiresDist.length ? (
            <>
              <dt>Requires-Dist</dt>
              <dd>{m.requiresDist.join(', ')}</dd>
            </>
          ) : null}
          <dt>Imports</dt>
          <dd className="mono">{report.importNames.join(', ') || '—'}</dd>
          <dt>manylinux</dt>
          <dd>{report.audits.manylinux.detail}</dd>
          <dt>abi3</dt>
          <dd>{report.audits.abi3.detail}</dd>
        </dl>
      </section>
      <section className="wheel-section">
        <h3>
          Largest files <span className="muted">({report.fileCount} files, {formatBytes(report.unpackedBytes)} unpacked)</span>
        </h3>
        <table className="wheel-table">
          <tbody>
            {report.largestFiles.slice(0, FILES_SHOWN).map((f) => (
              <tr key={f.path}>
                <td className="num">{formatBytes(f.sizeBytes)}</td>
                <td className="mono">{f.path}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
