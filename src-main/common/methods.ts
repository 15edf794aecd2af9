// The contract's method names, on their own so the sandboxed preload can list them without
// bundling the argument schemas.
export const METHOD_NAMES = [
  'getAppInfo',
  'runDoctor',
  'openProject',
  'listRecentProjects',
  'chooseProjectFolder',
  'startBuild',
  'cancelJob',
  'ackOutput',
  'waitForJob',
  'listWheels',
  'installManagedTools',
  'listTargets',
  'getSettings',
  'saveSettings',
  'listHistory',
  'readBuildLog',
  'previewProjectFix',
  'applyProjectFix',
  'createProject',
  'inspectWheel',
  'verifyWheel',
  'uploadWheelChunk',
  'revealInFolder',
  'runDoctorFix',
  'explainLog',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}
