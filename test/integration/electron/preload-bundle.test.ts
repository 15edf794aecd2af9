import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src-main/common/methods';
import { repoRoot } from '../../helpers/paths';

const preloadFile = join(repoRoot, 'out', 'preload', 'preload.js');

describe('the built preload (sandboxed: a single bundle that may only require electron)', () => {
  const code = readFileSync(preloadFile, 'utf8');

  it('requires nothing but electron', () => {
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('exposes one function per contract method plus onEvent and pathForFile, and no raw ipcRenderer', async () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    const invoked: unknown[][] = [];
    const electronStandIn = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
      webUtils: { getPathForFile: (file: { path: string }) => file.path },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: false, error: { code: 'unknown-method', message: 'nope' } }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    runInNewContext(code, { require: (name: string) => (name === 'electron' ? electronStandIn : undefined), module, exports: module.exports });
    const api = exposed.wheelbench ?? {};
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'onEvent', 'pathForFile'].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.keys(exposed)).toEqual(['wheelbench']);

    const call = api.getAppInfo as (p: object) => Promise<unknown>;
    await expect(call({})).rejects.toMatchObject({ code: 'unknown-method', message: 'nope' });
    expect(invoked).toEqual([['wheelbench:call', 'getAppInfo', {}]]);
    expect((api.pathForFile as (f: { path: string }) => string)({ path: '/home/u/x.whl' })).toBe('/home/u/x.whl');
    expect(invoked).toHaveLength(1);
  });
});
