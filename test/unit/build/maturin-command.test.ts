import { describe, expect, it } from 'vitest';
import { profileEnv } from '../../../src-main/core/build/maturin-command';

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
