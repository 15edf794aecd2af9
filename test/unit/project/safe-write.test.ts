import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Fault injection: the rename that publishes the new file fails, as if the process died (or the disk
// filled) after the temp file was written. The original must be untouched and no temp file left.

const faults = vi.hoisted(() => ({ failRename: false, failWrite: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    rename: async (from: string, to: string) => {
      if (faults.failRename && !to.endsWith('.bak')) throw Object.assign(new Error('simulated crash before rename'), { code: 'EIO' });
      return real.rename(from, to);
    },
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      if (!faults.failWrite || !String(args[0]).endsWith('.tmp')) return handle;
      const writeFile = handle.writeFile.bind(handle);
      return Object.assign(handle, {
        writeFile: async (data: string | Uint8Array) => {
          await writeFile(typeof data === 'string' ? data.slice(0, 5) : data.slice(0, 5));
          throw Object.assign(new Error('simulated ENOSPC halfway'), { code: 'ENOSPC' });
        },
      });
    },
  };
});

const { replaceFile } = await import('../../../src-main/core/project/safe-write');

afterEach(() => {
  faults.failRename = false;
  faults.failWrite = false;
});

function project(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wheelbench-safe-write-'));
  const file = join(dir, 'pyproject.toml');
  writeFileSync(file, '[project]\r\nname = "x"\r\n');
  return { dir, file };
}

describe('replacing a user file', () => {
  it('an interrupted write (crash before the rename) leaves the original intact and no temp file', async () => {
    const { dir, file } = project();
    faults.failRename = true;
    await expect(replaceFile(file, '[project]\r\nname = "x"\r\n', '[project]\r\nname = "y"\r\n')).rejects.toThrow('simulated crash before rename');
    expect(readFileSync(file, 'utf8')).toBe('[project]\r\nname = "x"\r\n');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a write that fails halfway leaves the original intact and no temp file', async () => {
    const { dir, file } = project();
    faults.failWrite = true;
    await expect(replaceFile(file, '[project]\r\nname = "x"\r\n', '[project]\r\nname = "y"\r\n')).rejects.toThrow('ENOSPC');
    expect(readFileSync(file, 'utf8')).toBe('[project]\r\nname = "x"\r\n');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the file’s permissions and makes a .bak of the original bytes', async () => {
    const { file } = project();
    chmodSync(file, 0o640);
    expect(await replaceFile(file, '[project]\r\nname = "x"\r\n', '[project]\r\nname = "y"\r\n')).toBe(`${file}.bak`);
    expect(readFileSync(file, 'utf8')).toBe('[project]\r\nname = "y"\r\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('[project]\r\nname = "x"\r\n');
  });

  it('refuses when the file no longer holds what the edit was computed from', async () => {
    const { file } = project();
    await expect(replaceFile(file, 'something else', 'new')).rejects.toThrow('changed while the fix was being made: nothing was written');
    expect(readFileSync(file, 'utf8')).toBe('[project]\r\nname = "x"\r\n');
  });

  it('creating a file refuses to replace one that appeared meanwhile', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'config.toml'), 'mine');
    await expect(replaceFile(join(dir, 'config.toml'), null, 'theirs')).rejects.toThrow('changed while the fix was being made');
    expect(readFileSync(join(dir, 'config.toml'), 'utf8')).toBe('mine');
  });
});
