import type { Fix } from '../../src-main/common/domain';
import { CopyCode } from './CopyCode';
import { RichText } from './RichText';

/** A fix: what to do, and the command when there is one. */
export function FixView({ fix, label = 'Fix' }: { readonly fix: Fix; readonly label?: string }) {
  return (
    <div className="fix">
      <span className="fix-label">{label}:</span> <span className="fix-summary">
        <RichText text={fix.summary} />
      </span>
      {fix.command ? (
        <div className="fix-command">
          <CopyCode text={fix.command} />
        </div>
      ) : null}
    </div>
  );
}
