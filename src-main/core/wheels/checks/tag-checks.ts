import type { WheelTags } from '../../../common/domain';
import type { WheelFileFacts, WheelProblem } from '../../../common/wheel-report';

// The tags a wheel's file name claims must be the tags its WHEEL file lists, and must fit what is
// inside: native code means a platform tag and Root-Is-Purelib: false.

const tagText = (t: WheelTags) => `${t.python}-${t.abi}-${t.platform}`;

export function checkTags(fileTags: readonly WheelTags[], wheel: WheelFileFacts | null, wheelPath: string, hasNativeCode: boolean): WheelProblem[] {
  const problems: WheelProblem[] = [];
  if (wheel) {
    const claimed = new Set(fileTags.map(tagText));
    const listed = new Set(wheel.tags.map(tagText));
    const onlyInName = [...claimed].filter((t) => !listed.has(t));
    const onlyInWheel = [...listed].filter((t) => !claimed.has(t));
    if (onlyInName.length > 0 || onlyInWheel.length > 0) {
      const parts = [
        onlyInName.length ? `the file name claims ${onlyInName.join(', ')} but WHEEL does not list ${onlyInName.length === 1 ? 'it' : 'them'}` : '',
        onlyInWheel.length ? `WHEEL lists ${onlyInWheel.join(', ')} which the file name does not claim` : '',
      ].filter(Boolean);
      problems.push({
        id: 'tags.wheel-file-mismatch',
        severity: 'error',
        message: `The tags disagree: ${parts.join('; ')}. Installers pick wheels by file name, so the WHEEL file no longer describes what gets installed.`,
        file: wheelPath,
        fix: { summary: 'Rebuild the wheel rather than renaming it; to retag a wheel properly use `wheel tags` (or `auditwheel repair` for Linux policies).' },
      });
    }
    if (hasNativeCode && wheel.rootIsPurelib === true) {
      problems.push({
        id: 'tags.purelib-with-native-code',
        severity: 'warn',
        message: 'WHEEL says Root-Is-Purelib: true, but the wheel contains native code: it installs into purelib, which differs from platlib on some systems (Fedora/RHEL lib vs lib64).',
        file: wheelPath,
        fix: { summary: 'Build platform wheels with Root-Is-Purelib: false (maturin does this; for setuptools, declare the extension so the wheel is not treated as pure).' },
      });
    }
  }
  const platforms = new Set(fileTags.map((t) => t.platform));
  if (hasNativeCode && platforms.has('any')) {
    problems.push({
      id: 'tags.any-with-native-code',
      severity: 'error',
      message: 'The wheel is tagged for any platform but contains native code: pip installs it everywhere, and the import fails wherever the binary cannot load.',
      fix: { summary: 'Build a platform wheel (maturin build) for each target instead of a py3-none-any wheel.' },
    });
  }
  if (!hasNativeCode && fileTags.length > 0 && !platforms.has('any')) {
    problems.push({
      id: 'tags.platform-without-native-code',
      severity: 'warn',
      message: `The wheel is tagged for ${[...platforms].join(', ')} but contains no native code: was the Rust extension left out of it?`,
      fix: { summary: 'Check module-name / python-source in [tool.maturin] and that the build compiled the extension; a pure-Python package can be py3-none-any.' },
    });
  }
  return problems;
}
