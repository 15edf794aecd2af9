import type { BuildProfile } from '../../common/domain';

export interface MaturinCommandInput {
  readonly maturin: string;
  readonly outDir: string;
  readonly profile: BuildProfile;
  readonly interpreters: readonly string[];
  readonly jobs?: number;
  readonly target?: string;
}

/** The maturin command line for one target. */
export function maturinBuildArgs(input: MaturinCommandInput): string[] {
  const args = ['build', '--out', input.outDir];
  if (input.profile !== 'dev') args.push('--release');
  if (input.target) args.push('--target', input.target);
  for (const interpreter of input.interpreters) args.push('--interpreter', interpreter);
  if (input.jobs !== undefined) args.push('--jobs', String(input.jobs));
  return args;
}

/** Environment a profile adds on top of the user's. */
export function profileEnv(profile: BuildProfile, jobs: number | undefined): Record<string, string> {
  if (profile !== 'low-memory') return {};
  return {
    CARGO_PROFILE_RELEASE_LTO: 'off',
    CARGO_PROFILE_RELEASE_DEBUG: '0',
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16',
    CARGO_INCREMENTAL: '0',
    CARGO_BUILD_JOBS: String(jobs ?? 1),
  };
}
