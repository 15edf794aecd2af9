import type { Explanation } from '../../src-main/common/domain';
import { isFixRunning, requestFix, useToolchainStore } from '../store/toolchain';
import { FixView } from './FixView';
import { RichText } from './RichText';

/** A known failure named from a build log: what, why, the line that shows it, and the fix (one click when the doctor can run it). */
export function ExplanationView({ explanation }: { readonly explanation: Explanation }) {
  const fixBusy = useToolchainStore(isFixRunning);
  const { fix } = explanation;
  return (
    <div className="explanation" data-testid="build-explanation" data-explanation-id={explanation.id}>
      <div className="explanation-title">{explanation.title}</div>
      <div className="explanation-cause">
        <RichText text={explanation.cause} />
      </div>
      {explanation.evidence ? (
        <div className="explanation-evidence">
          Seen in the log: <code>{explanation.evidence}</code>
        </div>
      ) : null}
      <FixView fix={fix} />
      {fix.id ? (
        <button type="button" className="small" data-testid="explanation-fix-button" disabled={fixBusy} onClick={() => void requestFix({ ...fix, id: fix.id as string }, explanation.title)}>
          Fix in the doctor
        </button>
      ) : null}
    </div>
  );
}
