import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../src-main/core/create-core';
import { startWebServer, type WebServer } from '../../../src-main/server/web-server';
import { exampleProject, tempDir } from '../../helpers/paths';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString());
      if (frame.kind === 'response' && frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'request', id, method, params }));
  });
}

describe('wheelbench serve: token, cookie, Host and Origin checks', () => {
  let core: Core;
  let server: WebServer;
  let cookie = '';
  let token = '';

  beforeAll(async () => {
    const staticDir = tempDir('static');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Wheelbench</title>');
    core = createCore({ dataDir: tempDir('data'), mode: 'web', version: 'test', exampleProject });
    server = await startWebServer({ core, staticDir });
    token = new URL(server.url).searchParams.get('token') ?? '';
  });
  afterAll(async () => {
    await server.close();
    await core.dispose();
  });

  it('prints a loopback URL with a 256-bit token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('refuses a page load without the token, or with a wrong one, and says how to get in', async () => {
    const none = await get(server.port, '/');
    expect(none.status).toBe(401);
    expect(none.body).toContain('Open the full URL that <code>wheelbench serve</code> printed');
    expect((await get(server.port, `/?token=${'0'.repeat(64)}`)).status).toBe(401);
    expect((await get(server.port, '/index.html')).status).toBe(401);
  });

  it('exchanges the token for an HttpOnly SameSite cookie and redirects to a URL without it', async () => {
    const reply = await get(server.port, `/?token=${token}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
    const setCookie = String(reply.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0] ?? '';
    const page = await get(server.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Wheelbench</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding) even with the cookie', async () => {
    expect((await get(server.port, '/', { Cookie: cookie, Host: 'attacker.example' })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await get(server.port, '/../../../../etc/passwd', { Cookie: cookie })).status).toBe(404);
    expect((await get(server.port, '/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookie })).status).toBe(404);
  });

  it('refuses the WebSocket without the cookie, or from a foreign Origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    await expect(connect(server.port, { Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(connect(server.port, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow('HTTP 403');
  });

  it('carries contract calls and typed errors over the WebSocket', async () => {
    const ws = await connect(server.port, { Origin: `http://127.0.0.1:${server.port}`, Cookie: cookie });
    const info = await call(ws, 1, 'getAppInfo', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'web', exampleProject, canChooseFolder: false } });
    expect(await call(ws, 2, 'spawnShell', { cmd: 'id' })).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(await call(ws, 3, 'openProject', { path: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const notProject = await call(ws, 4, 'openProject', { path: tempDir('empty') });
    expect(notProject).toMatchObject({ ok: false, error: { code: 'not-a-project' } });
    ws.close();
  });
});
