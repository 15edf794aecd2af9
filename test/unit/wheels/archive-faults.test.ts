import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WheelbenchError } from '../../../src-main/common/errors';
import { inspectArchive } from '../../../src-main/core/wheels/inspect-wheel';
import { tempDir } from '../../helpers/paths';
import { honestRecord, writeWheel, type WheelFiles } from '../../helpers/wheel-surgery';
import { writeZip, zerosDeflated } from '../../helpers/zip-writer';

// Archives no build would write: each one is reported with the right message, and none crashes the
// inspector or makes it hold more than a little memory.

const NAME = 'demo-1.0-py3-none-any.whl';

function pureWheel(): WheelFiles {
  return new Map([
    ['demo/__init__.py', Buffer.from('VALUE = 1\n')],
    ['demo-1.0.dist-info/METADATA', Buffer.from('Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n')],
    ['demo-1.0.dist-info/WHEEL', Buffer.from('Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n')],
    ['demo-1.0.dist-info/RECORD', Buffer.alloc(0)],
  ]);
}

async function refusal(path: string): Promise<string> {
  const error = await inspectArchive(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WheelbenchError);
  return (error as WheelbenchError).message;
}

describe('archives that are not (intact) wheels', () => {
  it('an intact pure-Python wheel has no problems', async () => {
    const report = await inspectArchive(writeWheel(tempDir('ok'), NAME, pureWheel(), { fixRecord: true }));
    expect(report.problems).toEqual([]);
    expect(report.record).toEqual({ status: 'ok', listed: 4, verified: 3 });
    expect(report.importNames).toEqual(['demo']);
  });

  it('a truncated zip', async () => {
    const path = writeWheel(tempDir('cut'), NAME, pureWheel(), { fixRecord: true });
    truncateSync(path, 200);
    expect(await refusal(path)).toBe(
      `${NAME} is not a wheel: the zip archive is truncated: its central directory (at the end of the file) is missing, after 200 bytes. An incomplete download or copy? Rebuild or download it again.`,
    );
  });

  it('a file that is not a zip, an empty file, and a name that is not a wheel name', async () => {
    const dir = tempDir('notzip');
    writeFileSync(join(dir, NAME), 'Not Found\n');
    expect(await refusal(join(dir, NAME))).toBe(`${NAME} is not a wheel: it is not a zip archive: it is text starting with "Not Found", not the "PK" every zip starts with.`);
    writeFileSync(join(dir, 'empty-1.0-py3-none-any.whl'), '');
    expect(await refusal(join(dir, 'empty-1.0-py3-none-any.whl'))).toContain('the file is empty (0 bytes)');
    writeFileSync(join(dir, 'demo.zip'), '');
    expect(await refusal(join(dir, 'demo.zip'))).toContain('a wheel file is named {name}-{version}(-{build})-{python}-{abi}-{platform}.whl');
  });

  it('an entry that would expand to gigabytes is not unpacked, and memory stays flat', async () => {
    const files = pureWheel();
    const dir = tempDir('bomb');
    const size = 3.5 * 1024 ** 3;
    const compressed = zerosDeflated(size);
    files.set('demo-1.0.dist-info/RECORD', Buffer.concat([honestRecord(files), Buffer.from(`demo/zeros.bin,sha256=x,${size}\n`)]));
    writeZip(join(dir, NAME), [
      ...[...files.entries()].map(([name, data]) => ({ name, data })),
      { name: 'demo/zeros.bin', data: Buffer.alloc(0), raw: { compressed, uncompressedSize: size, crc: 0 } },
    ]);
    const before = process.memoryUsage().rss;
    const report = await inspectArchive(join(dir, NAME));
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    const [bomb] = report.problems.filter((p) => p.id === 'zip.expansion-refused');
    expect(bomb?.message).toMatch(/^demo\/zeros\.bin: not unpacked: it would expand from 3\.\d MB to 3\.5 GB \(\d+:1, a ratio only a zip bomb reaches\)\. Its RECORD hash was not checked\.$/);
    expect(report.verdict).toBe('error');
  });

  it('an entry whose data expands beyond its declared size is cut off', async () => {
    const files = pureWheel();
    const dir = tempDir('liar');
    files.set('demo-1.0.dist-info/RECORD', Buffer.concat([honestRecord(files), Buffer.from('demo/small.txt,sha256=x,1000\n')]));
    writeZip(join(dir, NAME), [
      ...[...files.entries()].map(([name, data]) => ({ name, data })),
      { name: 'demo/small.txt', data: Buffer.alloc(0), raw: { compressed: zerosDeflated(50 * 1024 * 1024), uncompressedSize: 1000, crc: 0 } },
    ]);
    const report = await inspectArchive(join(dir, NAME));
    expect(report.problems.find((p) => p.id === 'zip.entry-unreadable')?.message).toBe(
      'demo/small.txt: its data expands beyond the 1000 bytes the archive declares (a corrupt or hostile archive); reading stopped there. Its RECORD hash was not checked.',
    );
  });

  it('an entry that would be written outside site-packages, and a duplicated entry', async () => {
    const dir = tempDir('slip');
    writeZip(join(dir, NAME), [{ name: '../../etc/evil.py', data: Buffer.from('x') }]);
    expect(await refusal(join(dir, NAME))).toContain('it contains an entry that would be written outside the install folder (invalid relative path: ../../etc/evil.py)');
    const files = pureWheel();
    files.set('demo-1.0.dist-info/RECORD', honestRecord(files));
    const twice = tempDir('dup');
    writeZip(join(twice, NAME), [...[...files.entries()].map(([name, data]) => ({ name, data })), { name: 'demo/__init__.py', data: Buffer.from('VALUE = 2\n') }]);
    const report = await inspectArchive(join(twice, NAME));
    expect(report.problems.find((p) => p.id === 'zip.duplicate-entry')?.message).toBe('demo/__init__.py appears more than once in the archive: installers may unpack either copy.');
  });
});
