import { describe, expect, it } from 'vitest';
import { maturinBuildArgs, profileEnv } from '../../../src-main/core/build/maturin-command';
import type { BuildablePlan } from '../../../src-main/core/build/planner';

describe('profileEnv', () => {
  it('release adds nothing of its own: the project’s profile decides', () => {
    expect(profileEnv('release', {}, undefined)).toEqual({});
  });

  it('low-memory: no LTO, sixteen codegen units, no debuginfo, no incremental, the budget’s jobs', () => {
    expect(profileEnv('low-memory', {}, 1)).toEqual({
      CARGO_PROFILE_RELEASE_LTO: 'off',
      CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16',
      CARGO_PROFILE_RELEASE_DEBUG: '0',
      CARGO_INCREMENTAL: '0',
      MALLOC_CONF: 'narenas:1,dirty_decay_ms:0,muzzy_decay_ms:0',
      CARGO_BUILD_JOBS: '1',
    });
    // The user's own jemalloc settings stay.
    expect(profileEnv('low-memory', {}, 1, { MALLOC_CONF: 'background_thread:true' })).not.toHaveProperty('MALLOC_CONF');
  });

  it('settings the user chose win over the profile’s', () => {
    expect(profileEnv('low-memory', { lto: 'thin', debuginfo: 1, strip: true }, 2)).toMatchObject({
      CARGO_PROFILE_RELEASE_LTO: 'thin',
      CARGO_PROFILE_RELEASE_DEBUG: '1',
      CARGO_PROFILE_RELEASE_STRIP: 'symbols',
    });
    expect(profileEnv('dev', { debuginfo: 0 }, undefined)).toEqual({ CARGO_PROFILE_DEV_DEBUG: '0' });
  });
});

describe('maturinBuildArgs', () => {
  const plan = (compatibility: string | null) => ({ triple: 'x86_64-unknown-linux-gnu', requested: 'host', buildStd: false, zig: false, compatibility, toolchain: { host: 'x86_64-unknown-linux-gnu' } }) as unknown as BuildablePlan;
  const base = { outDir: '/out', settings: {}, profile: 'release' as const, jobs: undefined, explicitTarget: false };

  it('passes a remembered platform tag only where the plan leaves the tag to maturin', () => {
    expect(maturinBuildArgs({ ...base, plan: plan(null) })).toEqual(['build', '--out', '/out', '--release']);
    expect(maturinBuildArgs({ ...base, plan: plan(null), compatibility: 'manylinux_2_34' })).toEqual(['build', '--out', '/out', '--release', '--compatibility', 'manylinux_2_34']);
    expect(maturinBuildArgs({ ...base, plan: plan('manylinux2014'), compatibility: 'manylinux_2_34' })).toEqual(['build', '--out', '/out', '--release', '--compatibility', 'manylinux2014']);
  });
});
