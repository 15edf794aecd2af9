import { describe, expect, it } from 'vitest';
import { planTargets, type MachineFacts } from '../../../src-main/core/build/planner';
import { catalogEntry } from '../../../src-main/core/build/target-catalog';
import { describeTarget } from '../../../src-main/core/build/target-info';
import { debianRustc } from '../../helpers/toolchains';

// The target picker shows the platform tag a wheel will get: for Linux, at the compatibility asked for.
const HOST = 'x86_64-unknown-linux-gnu';
const rustc = debianRustc({ hasRustSrc: false, isDefault: true });
const facts: MachineFacts = { host: HOST, toolchains: [rustc], zig: true, crossLinkers: {}, xwinCached: false };

function tagOf(alias: string, compatibility?: string): string {
  const entry = catalogEntry(alias);
  if (!entry) throw new Error(alias);
  const [plan] = planTargets([alias], facts, compatibility === undefined ? {} : { compatibility });
  if (!plan) throw new Error(alias);
  return describeTarget(entry, plan).platformTag;
}

describe('describeTarget platform tags', () => {
  it('uses the catalog tag at the default compatibility', () => {
    expect(tagOf('linux-aarch64')).toBe('manylinux2014_aarch64');
    expect(tagOf('windows-x86_64')).toBe('win_amd64');
  });

  it('follows the compatibility asked for on Linux targets', () => {
    expect(tagOf('linux-aarch64', 'manylinux_2_28')).toBe('manylinux_2_28_aarch64');
    expect(tagOf('linux-aarch64', 'off')).toBe('linux_aarch64');
  });

  it('leaves unavailable targets and other systems alone', () => {
    expect(tagOf('linux-armv7', 'manylinux_2_28')).toBe('manylinux2014_armv7l');
    expect(tagOf('macos-arm64', 'manylinux_2_28')).toBe('macosx_11_0_arm64');
  });
});

describe('describeTarget and a kept std', () => {
  const withSources: MachineFacts = { ...facts, toolchains: [debianRustc({ isDefault: true })] };
  const describe_ = (alias: string, keptStd: 'ready' | 'not-yet' | null) => {
    const entry = catalogEntry(alias);
    const [plan] = planTargets([alias], withSources, {});
    if (!entry || !plan) throw new Error(alias);
    return describeTarget(entry, plan, keptStd);
  };

  it('says whether a build-std target still has std to compile', () => {
    expect(describe_('windows-x86_64', 'not-yet')).toMatchObject({ strategy: 'build-std' });
    expect(describe_('windows-x86_64', 'not-yet').notes).toContain('The first build compiles std for x86_64-pc-windows-gnu (a minute or more), once; later builds of any project reuse it.');
    expect(describe_('windows-x86_64', 'ready').notes.join(' ')).not.toMatch(/std for/);
    expect(describe_('windows-x86_64', null).notes.join(' ')).not.toMatch(/std for/);
  });

  it('names both architectures whose std a universal2 build compiles', () => {
    expect(describe_('macos-universal2', 'not-yet').notes).toContain('The first build compiles std for x86_64-apple-darwin and aarch64-apple-darwin (a minute or more), once; later builds of any project reuse it.');
  });

  it('adds nothing for targets whose toolchain has std', () => {
    expect(describe_('linux-aarch64', 'not-yet').notes.join(' ')).not.toMatch(/std for/);
  });
});
