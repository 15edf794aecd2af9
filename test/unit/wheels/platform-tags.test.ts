import { describe, expect, it } from 'vitest';
import { platformFacts, policyName } from '../../../src-main/core/wheels/platform-tags';

describe('platform tags', () => {
  it('reads Linux policies, legacy aliases included', () => {
    expect(platformFacts('manylinux2014_aarch64')).toMatchObject({ os: 'linux', format: 'elf', architectures: ['aarch64'], linux: { libc: 'glibc', version: [2, 17] } });
    expect(platformFacts('musllinux_1_2_x86_64').linux).toEqual({ libc: 'musl', version: [1, 2] });
    expect(platformFacts('linux_armv7l')).toMatchObject({ architectures: ['armv7l'], linux: { libc: 'none', version: null } });
    expect(policyName({ libc: 'glibc', version: [2, 34] })).toBe('manylinux_2_34');
  });

  it('reads macOS (universal2 means both architectures) and Windows tags', () => {
    expect(platformFacts('macosx_10_12_universal2')).toMatchObject({ os: 'macos', format: 'macho-fat', architectures: ['x86_64', 'arm64'] });
    expect(platformFacts('macosx_11_0_arm64')).toMatchObject({ os: 'macos', architectures: ['arm64'] });
    expect(platformFacts('win_amd64')).toMatchObject({ os: 'windows', format: 'pe', architectures: ['x86_64'] });
    expect(platformFacts('win32').architectures).toEqual(['x86']);
    expect(platformFacts('any')).toMatchObject({ os: 'any', architectures: [] });
  });
});
