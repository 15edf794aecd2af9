import type { BuildProfile, BuildSettings } from '../../common/domain';
import type { BuildablePlan } from './planner';

export interface MaturinCommandInput {
  readonly outDir: string;
  readonly plan: BuildablePlan;
  readonly settings: BuildSettings;
  readonly profile: BuildProfile;
  readonly jobs: number | undefined;
  /**
   * Pass `--target` even for the host: in a matrix this puts host artifacts (proc-macros, build
   * scripts) where the other targets' builds find and reuse them.
   */
  readonly explicitTarget: boolean;
  /** The target's std comes from a kit built once for the toolchain (std-kit.ts), not from this build. */
  readonly stdFromKit?: boolean;
  /** A platform tag for maturin to use where the plan leaves it to maturin (platform-tag-memory.ts). */
  readonly compatibility?: string;
}

/** The maturin command line for one planned target. */
export function maturinBuildArgs({ outDir, plan, settings, profile, jobs, explicitTarget, stdFromKit = false, compatibility }: MaturinCommandInput): string[] {
  const args = ['build', '--out', outDir];
  if (profile !== 'dev') args.push('--release');
  if (explicitTarget || plan.requested !== 'host' || plan.triple !== plan.toolchain.host) args.push('--target', plan.triple);
  if (plan.zig) args.push('--zig');
  const tag = plan.compatibility ?? compatibility;
  if (tag) args.push('--compatibility', tag);
  if (plan.buildStd && !stdFromKit) args.push('-Zbuild-std=std,panic_abort');
  for (const interpreter of settings.interpreters ?? []) args.push('--interpreter', interpreter);
  if (settings.features?.length) args.push('--features', settings.features.join(','));
  if (jobs !== undefined) args.push('--jobs', String(jobs));
  return args;
}

/** Environment the profile and settings add on top of the user's (cargo's profile overrides). */
export function profileEnv(profile: BuildProfile, settings: BuildSettings, jobs: number | undefined, userEnv: NodeJS.ProcessEnv = {}): Record<string, string> {
  const env: Record<string, string> = {};
  const section = profile === 'dev' ? 'DEV' : 'RELEASE';
  if (profile === 'low-memory') {
    // rustc's peak is one crate's LLVM module: with codegen-units = 1 (common next to fat LTO) that is the
    // whole crate at once; sixteen units are optimised one after another under a one-job budget.
    Object.assign(env, { CARGO_PROFILE_RELEASE_LTO: 'off', CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16', CARGO_PROFILE_RELEASE_DEBUG: '0', CARGO_INCREMENTAL: '0' });
    // rustup's rustc allocates with jemalloc: one arena and freed pages returned at once lowered the
    // peak of pyo3's compile by 5 % at no measurable cost in time.
    if (userEnv.MALLOC_CONF === undefined) env.MALLOC_CONF = 'narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0';
  }
  if (settings.lto && settings.lto !== 'default') env[`CARGO_PROFILE_${section}_LTO`] = settings.lto === 'thin' ? 'thin' : settings.lto === 'fat' ? 'fat' : 'off';
  if (settings.debuginfo !== undefined) env[`CARGO_PROFILE_${section}_DEBUG`] = String(settings.debuginfo);
  if (settings.strip !== undefined) env[`CARGO_PROFILE_${section}_STRIP`] = settings.strip ? 'symbols' : 'none';
  if (jobs !== undefined) env.CARGO_BUILD_JOBS = String(jobs);
  return env;
}
