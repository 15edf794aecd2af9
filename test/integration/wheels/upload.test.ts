import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '../../../src-main/common/contract';
import { createCore } from '../../../src-main/core/create-core';
import { dispatch } from '../../../src-main/transport/dispatch';
import { hostExampleWheel } from '../../helpers/built-wheels';
import { exampleProject, tempDir } from '../../helpers/paths';

// The web mode's drop: a wheel's bytes arrive in chunks through the contract, are written into the
// data dir, and the wheel is then inspected like any other file.

describe('uploading a dropped wheel', () => {
  it('reassembles the chunks in order into the data dir, byte for byte, and the wheel inspects clean', async () => {
    const core = createCore({ dataDir: tempDir('data'), mode: 'web', version: 'test', exampleProject });
    const wheel = hostExampleWheel();
    const bytes = readFileSync(wheel);
    const fileName = wheel.split('/').pop() as string;
    let uploadId: string | undefined;
    let path: string | null = null;
    for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
      const base64 = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64');
      const outcome = await dispatch(core, 'uploadWheelChunk', { ...(uploadId ? { uploadId } : {}), fileName, offset, totalBytes: bytes.length, base64 });
      if (!outcome.ok) throw new Error(outcome.error.message);
      const progress = outcome.value as { uploadId: string; receivedBytes: number; path: string | null };
      uploadId = progress.uploadId;
      path = progress.path;
      expect(progress.receivedBytes).toBe(Math.min(bytes.length, offset + UPLOAD_CHUNK_BYTES));
    }
    expect(path).toMatch(new RegExp(`/uploads/[0-9a-f-]{36}/${fileName.replace(/\./g, '\\.')}$`));
    expect(readFileSync(path as string).equals(bytes)).toBe(true);
    const report = await core.inspectWheel({ path: path as string });
    expect(report).toMatchObject({ fileName, record: { status: 'ok' } });
  });

  it('refuses chunks out of order, names that are not wheel names, and sizes over the limit', async () => {
    const core = createCore({ dataDir: tempDir('data'), mode: 'web', version: 'test', exampleProject });
    const first = await dispatch(core, 'uploadWheelChunk', { fileName: 'a-1.0-py3-none-any.whl', offset: 0, totalBytes: 10, base64: Buffer.from('12345').toString('base64') });
    if (!first.ok) throw new Error(first.error.message);
    const { uploadId } = first.value as { uploadId: string };
    expect(await dispatch(core, 'uploadWheelChunk', { uploadId, fileName: 'a-1.0-py3-none-any.whl', offset: 7, totalBytes: 10, base64: 'AAAA' })).toEqual({
      ok: false,
      error: { code: 'invalid-arguments', message: 'Expected the chunk at byte 5, got one at 7.' },
    });
    const slash = await dispatch(core, 'uploadWheelChunk', { fileName: '../evil.whl', offset: 0, totalBytes: 10, base64: '' });
    expect(slash).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: 'Bad arguments for uploadWheelChunk: fileName: is not a wheel file name.' } });
    const huge = await dispatch(core, 'uploadWheelChunk', { fileName: 'a-1.0-py3-none-any.whl', offset: 0, totalBytes: MAX_UPLOAD_BYTES + 1, base64: '' });
    expect(huge).toMatchObject({ ok: false, error: { message: 'Bad arguments for uploadWheelChunk: totalBytes: is larger than the 512 MB Wheelbench accepts.' } });
  });
});
