import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBinary } from '../../../src-main/core/wheels/binary/read-binary';
import { bufferSource } from '../../../src-main/core/wheels/zip/byte-source';
import { tempDir } from '../../helpers/paths';

// Shared libraries built by the real gcc; their linkage digest must follow what manylinux policies
// judge: needed libraries, symbol versions, imported symbols — and nothing else.

const dir = tempDir('elf-linkage');
function sharedLibrary(name: string, source: string): Buffer {
  const c = join(dir, `${name}.c`);
  const so = join(dir, `${name}.so`);
  writeFileSync(c, source);
  execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-fno-builtin', c, '-o', so]);
  return readFileSync(so);
}

async function linkage(binary: Buffer): Promise<string | null | undefined> {
  const reading = await readBinary('elf', bufferSource(binary), true);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.facts.linkage;
}

const copy = '#include <string.h>\nvoid *copy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }\n';

describe('ELF linkage digest (real gcc)', () => {
  it('is the same for the same imports and versions, even when the code differs', async () => {
    const first = await linkage(sharedLibrary('first', copy));
    const otherCode = await linkage(sharedLibrary('other-code', `${copy}int twice(int x) { return 2 * x; }\n`));
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(otherCode).toBe(first);
  });

  it('changes when a symbol version changes (memcpy@GLIBC_2.2.5 instead of GLIBC_2.14)', async () => {
    const versions = (so: string) => execFileSync('readelf', ['-V', join(dir, so)], { encoding: 'utf8' });
    const modern = await linkage(sharedLibrary('modern', copy));
    const old = await linkage(sharedLibrary('old', `${copy.split('\n')[0]}\n__asm__(".symver memcpy, memcpy@GLIBC_2.2.5");\n${copy.split('\n')[1]}\n`));
    // The same imported names; only the version needs differ.
    expect(versions('modern.so')).toContain('GLIBC_2.14');
    expect(versions('old.so')).not.toContain('GLIBC_2.14');
    expect(old).not.toBe(modern);
  });

  it('changes when the library imports another symbol or needs another library', async () => {
    const base = await linkage(sharedLibrary('base', copy));
    const moreImports = await linkage(sharedLibrary('more-imports', `${copy}size_t len(const char *s) { return strlen(s); }\n`));
    expect(moreImports).not.toBe(base);
    const c = join(dir, 'with-m.c');
    writeFileSync(c, `${copy}double root(double x);\ndouble call_root(double x) { return root(x); }\n`);
    execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-fno-builtin', c, '-o', join(dir, 'with-m.so'), '-Wl,--no-as-needed', '-lm']);
    expect(await linkage(readFileSync(join(dir, 'with-m.so')))).not.toBe(base);
  });
});
