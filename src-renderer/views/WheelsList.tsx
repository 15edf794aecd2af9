import { useEffect, useState } from 'react';
import { getTransport } from '../api';
import { Panel } from '../components/Panel';
import { useProjectStore, distDirOf } from '../store/project';
import { inspectDroppedFile, loadWheels, useWheelsStore } from '../store/wheels';
import { WheelRow } from './wheels/WheelRow';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Wheel files dropped anywhere on the window are inspected (and never open as a page instead). */
function useWheelDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const pathOf = getTransport().pathForFile;
      for (const file of Array.from(e.dataTransfer?.files ?? [])) void inspectDroppedFile(file, pathOf);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

export function WheelsList() {
  const { items, loading, dir, upload } = useWheelsStore();
  const project = useProjectStore((s) => s.project);
  const dragging = useWheelDrop();

  return (
    <Panel
      title="Wheels"
      className={`wheels-panel${dragging ? ' dropping' : ''}`}
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
      <div className="wheels-dir muted">
        {dir ? (
          <>
            in <code>{dir}</code> ·{' '}
          </>
        ) : null}
        drop any <code>.whl</code> here to inspect it
      </div>
      {upload ? (
        <div className="wheels-upload" data-testid="wheel-upload" role="status">
          Uploading {upload.fileName}… {Math.round(upload.progress * 100)}%
        </div>
      ) : null}
      {dragging ? (
        <div className="wheels-drop" data-testid="wheel-drop-zone">
          Drop a wheel to inspect it
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{loading ? 'Looking for wheels…' : project ? 'No wheels yet. Build one, or drop a .whl file here.' : 'Wheels you build appear here; drop a .whl file to inspect it.'}</p>
      ) : (
        <ul className="wheels">
          {items.map((w) => (
            <WheelRow key={w.path} wheel={w} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
