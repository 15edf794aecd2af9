import { DiffView } from '../components/DiffView';
import { Modal } from '../components/Modal';
import { useProjectStore } from '../store/project';
import { applyFix, closeFix, useFixStore } from '../store/project-fix';
import { relativeTo } from '../util/paths';

/** The diff a fix will make, file by file; nothing is written until Apply. */
export function FixDialog() {
  const { fixId, preview, applying } = useFixStore();
  const root = useProjectStore((s) => s.project?.root ?? '');
  if (fixId === null) return null;
  return (
    <Modal
      title="Review the change"
      onClose={closeFix}
      testId="fix-dialog"
      wide
      footer={
        <>
          <span className="muted modal-note">Writes atomically; the first change to a file keeps the original as .bak.</span>
          <button type="button" onClick={closeFix} disabled={applying}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="fix-apply" onClick={() => void applyFix()} disabled={!preview || applying}>
            {applying ? 'Applying…' : 'Apply'}
          </button>
        </>
      }
    >
      {preview ? (
        <>
          <p className="fix-dialog-summary" data-testid="fix-summary">
            {preview.summary}
          </p>
          {preview.files.map((file) => (
            <section key={file.path} className="diff-file">
              <h3 className="diff-file-name">
                {relativeTo(root, file.path)}
                {file.created ? <span className="badge badge-new">new file</span> : null}
              </h3>
              <DiffView diff={file.diff} testId="fix-diff" />
            </section>
          ))}
        </>
      ) : (
        <p className="loading">Working out the change…</p>
      )}
    </Modal>
  );
}
