import { describe, expect, it } from 'vitest';
import { compareVersions, formatVersion, isOlderThan, parseVersion } from '../../../src-main/core/toolchain/versions';

describe('parseVersion', () => {
  it('finds the version in what tools print', () => {
    expect(parseVersion('maturin 1.16.0')).toEqual({ major: 1, minor: 16, patch: 0, prerelease: null });
    expect(parseVersion('libprotoc 3.21.12')).toMatchObject({ major: 3, minor: 21, patch: 12 });
    expect(parseVersion('0.17.1\n')).toMatchObject({ major: 0, minor: 17, patch: 1 });
    expect(parseVersion('Python 3.13')).toMatchObject({ major: 3, minor: 13, patch: 0 });
    expect(parseVersion('maturin 1.9.2-beta.1')).toMatchObject({ major: 1, minor: 9, patch: 2, prerelease: 'beta.1' });
  });

  it('returns null when there is no version', () => {
    expect(parseVersion('command not found')).toBeNull();
    expect(parseVersion('')).toBeNull();
  });

  it('formats back to a dotted string', () => {
    const version = parseVersion('maturin 1.9.2-rc.1');
    expect(version && formatVersion(version)).toBe('1.9.2-rc.1');
  });
});

describe('compareVersions', () => {
  const v = (text: string) => {
    const version = parseVersion(text);
    if (!version) throw new Error(`not a version: ${text}`);
    return version;
  };

  it('orders numerically, not lexically', () => {
    expect(compareVersions(v('1.10.0'), v('1.9.2'))).toBeGreaterThan(0);
    expect(compareVersions(v('1.9.1'), v('1.9.2'))).toBeLessThan(0);
    expect(compareVersions(v('1.9.2'), v('1.9.2'))).toBe(0);
    expect(compareVersions(v('2.0.0'), v('1.99.99'))).toBeGreaterThan(0);
  });

  it('sorts a prerelease before its release', () => {
    expect(compareVersions(v('1.9.2-beta.1'), v('1.9.2'))).toBeLessThan(0);
    expect(compareVersions(v('1.9.2-beta.2'), v('1.9.2-beta.10'))).toBeLessThan(0);
  });

  it('answers the maturin author-metadata question', () => {
    expect(isOlderThan('1.9.1', '1.9.2')).toBe(true);
    expect(isOlderThan('1.9.2', '1.9.2')).toBe(false);
    expect(isOlderThan('1.16.0', '1.9.2')).toBe(false);
    expect(isOlderThan('garbage', '1.9.2')).toBe(false);
  });
});
