import { z } from 'zod';
import type {
  AppInfo,
  BuildResult,
  DoctorReport,
  ManagedTool,
  ProjectSummary,
  WheelSummary,
} from './domain';
import type { WheelbenchEvent } from './events';
import type { MethodName } from './methods';

// The one API contract. The core implements it; Electron IPC, the WebSocket server and the CLI adapt
// it; the renderer calls it. Every method takes one plain-object argument, validated by the schema
// below before the core sees it.

const nonEmpty = z.string().min(1, 'must not be empty').max(4096);
const targetName = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'is not a target name').max(64);

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
      profile: z.enum(['release', 'dev', 'low-memory']).optional(),
      outDir: nonEmpty.optional(),
      interpreters: z.array(nonEmpty).max(16).optional(),
      jobs: z.number().int().min(1).max(256).optional(),
    })
    .strict(),
  cancelJob: z.object({ jobId: nonEmpty }).strict(),
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
    .object({ tools: z.array(z.enum(['maturin', 'zig', 'auditwheel', 'abi3audit'])).min(1).max(4) })
    .strict(),
} as const satisfies Record<MethodName, z.ZodType>;
export type ParamsOf<M extends MethodName> = z.input<(typeof paramSchemas)[M]>;

export interface JobHandle {
  readonly jobId: string;
}

export type JobOutcome =
  | { readonly kind: 'build'; readonly result: BuildResult }
  | { readonly kind: 'tool-install'; readonly ok: boolean; readonly message: string };

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
