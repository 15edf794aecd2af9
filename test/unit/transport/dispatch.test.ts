import { describe, expect, it } from 'vitest';
import type { WheelbenchApi } from '../../../src-main/common/contract';
import { WheelbenchError } from '../../../src-main/common/errors';
import { dispatch } from '../../../src-main/transport/dispatch';

function fakeApi(overrides: Partial<WheelbenchApi>): WheelbenchApi {
  return new Proxy(overrides, {
    get: (target, key) => (target as Record<string, unknown>)[key as string] ?? (async () => 'called'),
  }) as WheelbenchApi;
}

describe('dispatch', () => {
  it('refuses an unknown method with a typed error', async () => {
    const outcome = await dispatch(fakeApi({}), 'rm -rf /', {});
    expect(outcome).toEqual({ ok: false, error: { code: 'unknown-method', message: 'Unknown method "rm -rf /".' } });
  });

  it('refuses inherited names that are not contract methods', async () => {
    const outcome = await dispatch(fakeApi({}), 'toString', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('unknown-method');
  });

  it('refuses bad arguments before the core sees them, naming the field', async () => {
    let called = false;
    const api = fakeApi({ startBuild: async () => ((called = true), { jobId: 'x' }) });
    const outcome = await dispatch(api, 'startBuild', { projectDir: '', profile: 'turbo' });
    expect(called).toBe(false);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('invalid-arguments');
      expect(outcome.error.message).toContain('projectDir: must not be empty');
      expect(outcome.error.message).toContain('profile');
    }
  });

  it('refuses unexpected extra fields (nothing smuggles a raw command)', async () => {
    const outcome = await dispatch(fakeApi({}), 'runDoctor', { command: 'sh -c id' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('invalid-arguments');
  });

  it('passes validated params through and returns the value', async () => {
    const api = fakeApi({ openProject: async ({ path }) => ({ root: path }) as never });
    expect(await dispatch(api, 'openProject', { path: '/p' })).toEqual({ ok: true, value: { root: '/p' } });
  });

  it('turns a WheelbenchError into its data and anything else into an internal error without a stack', async () => {
    const typed = fakeApi({
      openProject: async () => {
        throw new WheelbenchError({ code: 'malformed-input', message: 'bad toml', file: 'pyproject.toml', line: 3, column: 7 });
      },
    });
    const a = await dispatch(typed, 'openProject', { path: '/p' });
    expect(a).toMatchObject({ ok: false, error: { code: 'malformed-input', line: 3, column: 7, file: 'pyproject.toml' } });

    const crashing = fakeApi({
      listRecentProjects: async () => {
        throw new TypeError('x is undefined');
      },
    });
    const b = await dispatch(crashing, 'listRecentProjects', {});
    expect(b).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: x is undefined' } });
  });
});

describe('withListener', () => {
  it('stamps output acknowledgements with the transport’s listener id, overriding what the page sent', async () => {
    const { withListener } = await import('../../../src-main/transport/dispatch');
    expect(withListener('ackOutput', { jobId: 'j', chars: 5, listener: 'spoofed' }, 'ws-2')).toEqual({ jobId: 'j', chars: 5, listener: 'ws-2' });
    expect(withListener('openProject', { path: '/p' }, 'ws-2')).toEqual({ path: '/p' });
  });
});
