import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NativeBinary, WheelReport } from '../../../src-main/common/wheel-report';
import { isComplianceFailure, recallTag, rememberTag, tagChoiceMismatch, tagChoiceOf, type TagChoiceKey } from '../../../src-main/core/build/platform-tag-memory';
import { parseWheelFileName } from '../../../src-main/core/wheels/wheel-name';
import { tempDir } from '../../helpers/paths';
import { wheelReport } from '../../helpers/wheel-report';

const extension = (linkage: string | null, over: Partial<NativeBinary> = {}): NativeBinary => ({
  path: 'hello/_native.abi3.so',
  format: 'elf',
  architectures: ['x86_64'],
  sizeBytes: 1,
  module: { name: 'hello._native', initSymbol: 'PyInit__native', exportsInit: true, suffix: '.abi3' },
  needs: ['libc.so.6'],
  linkage,
  ...over,
});

const report = (fileName: string, binaries: readonly NativeBinary[]): WheelReport =>
  wheelReport({ path: `/w/${fileName}`, fileName, tags: parseWheelFileName(fileName)?.tags ?? [], binaries });

const key = (over: Partial<TagChoiceKey> = {}): TagChoiceKey => ({ projectRoot: '/p', triple: 'x86_64-unknown-linux-gnu', maturin: '/bin/maturin', interpreters: [], path: '/usr/bin', ...over });

describe("maturin's platform tag pick", () => {
  it('is the policy of the wheel it wrote, with its extension modules linkage', () => {
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', [extension('b'), extension('a', { path: 'hello/_x.abi3.so' })]))).toEqual({
      compatibility: 'manylinux_2_34',
      platform: 'manylinux_2_34_x86_64',
      linkage: ['a', 'b'],
    });
    // A policy with a legacy alias keeps both names, as maturin writes them.
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', [extension('a')]))).toMatchObject({
      compatibility: 'manylinux_2_17',
      platform: 'manylinux_2_17_x86_64.manylinux2014_x86_64',
    });
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-musllinux_1_2_aarch64.whl', [extension('a')]))).toMatchObject({ compatibility: 'musllinux_1_2' });
  });

  it('is not remembered for a linux_* wheel, a wheel with copied-in libraries, or unread linkage', () => {
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-linux_x86_64.whl', [extension('a')]))).toBeNull();
    const grafted = extension(null, { path: 'hello.libs/libz-1234.so.1', module: null });
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', [extension('a'), grafted]))).toBeNull();
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', [extension(null)]))).toBeNull();
    expect(tagChoiceOf(report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', []))).toBeNull();
  });

  it('says why a wheel built with a remembered tag is not the one maturin would have picked', () => {
    const remembered = { compatibility: 'manylinux_2_34', platform: 'manylinux_2_34_x86_64', linkage: ['a'] };
    expect(tagChoiceMismatch(remembered, report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', [extension('a')]))).toBeNull();
    expect(tagChoiceMismatch(remembered, report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', [extension('c')]))).toMatch(/link differently/);
    expect(tagChoiceMismatch(remembered, report('hello-0.1.0-cp39-abi3-manylinux_2_35_x86_64.whl', [extension('a')]))).toMatch(/tagged it manylinux_2_35_x86_64/);
    expect(tagChoiceMismatch(remembered, report('hello-0.1.0-cp39-abi3-manylinux_2_34_x86_64.whl', [extension('a'), extension(null, { module: null })]))).toMatch(/does not track/);
  });

  it("recognises maturin's compliance failure", () => {
    expect(isComplianceFailure('💥 maturin failed\n  Caused by: Error ensuring manylinux_2_17 compliance\n  Caused by: Your library is not manylinux_2_17')).toBe(true);
    expect(isComplianceFailure('error[E0308]: mismatched types')).toBe(false);
  });
});

describe('platform tag memory', () => {
  const tag = { compatibility: 'manylinux_2_34', platform: 'manylinux_2_34_x86_64', linkage: ['a'] };

  it('recalls a pick for the same key only', async () => {
    const dataDir = tempDir('tag-memory');
    expect(await recallTag(dataDir, key())).toBeNull();
    await rememberTag(dataDir, key(), tag);
    expect(await recallTag(dataDir, key())).toMatchObject(tag);
    for (const other of [key({ projectRoot: '/q' }), key({ triple: 'aarch64-unknown-linux-gnu' }), key({ maturin: '/other/maturin' }), key({ interpreters: ['python3.12'] }), key({ path: '/opt/bin' })]) {
      expect(await recallTag(dataDir, other)).toBeNull();
    }
    await rememberTag(dataDir, key(), null);
    expect(await recallTag(dataDir, key())).toBeNull();
  });

  it('does not rewrite the file when the pick is unchanged, and keeps at most 200 picks', async () => {
    const dataDir = tempDir('tag-memory');
    const file = join(dataDir, 'platform-tags.json');
    await rememberTag(dataDir, key(), tag);
    // Every write is a new file renamed over the old one: a new inode.
    const inode = statSync(file).ino;
    await rememberTag(dataDir, key(), { ...tag });
    expect(statSync(file).ino).toBe(inode);
    await rememberTag(dataDir, key(), { ...tag, linkage: ['b'] });
    expect(statSync(file).ino).not.toBe(inode);
    for (let i = 0; i < 205; i++) await rememberTag(dataDir, key({ projectRoot: `/p${i}` }), tag);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).entries)).toHaveLength(200);
    expect(await recallTag(dataDir, key({ projectRoot: '/p204' }))).not.toBeNull();
  });

  it('treats a damaged file as nothing remembered, and replaces it', async () => {
    const dataDir = tempDir('tag-memory');
    writeFileSync(join(dataDir, 'platform-tags.json'), '{"version":1,"entries":');
    expect(await recallTag(dataDir, key())).toBeNull();
    await rememberTag(dataDir, key(), tag);
    expect(await recallTag(dataDir, key())).toMatchObject(tag);
  });
});
