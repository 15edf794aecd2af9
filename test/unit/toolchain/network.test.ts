import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReachable, endpoints, proxyFor } from '../../../src-main/core/toolchain/network';

// Reachability against local servers: one that answers, a proxy that tunnels, a port nobody listens on.
let origin: Server;
let proxy: Server;
let originUrl = '';
let proxyUrl = '';
const sockets = new Set<Socket>();

beforeAll(async () => {
  origin = createServer((_req, res) => res.writeHead(204).end());
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client: Socket) => {
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => client.end('HTTP/1.1 200 Connection Established\r\n\r\n'));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    sockets.add(client).add(upstream);
  });
  await Promise.all([new Promise<void>((r) => origin.listen(0, '127.0.0.1', r)), new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))]);
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}/simple/`;
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const socket of sockets) socket.destroy();
  origin.close();
  proxy.close();
});

describe('checkReachable', () => {
  it('says a server that answers is reachable, with its status', async () => {
    expect(await checkReachable(originUrl, {})).toMatchObject({ reachable: true, status: 204, via: null });
  });

  it('goes through HTTPS_PROXY/HTTP_PROXY as the tools do, and names the proxy when it fails', async () => {
    const via = await checkReachable('http://example.invalid/', { HTTP_PROXY: proxyUrl });
    expect(via).toMatchObject({ reachable: false, reason: expect.stringContaining('refused the connection (HTTP 502)') });
    expect(await checkReachable(originUrl.replace('127.0.0.1', 'localhost'), { HTTP_PROXY: proxyUrl })).toMatchObject({ reachable: true, via: expect.stringContaining('127.0.0.1') });
    const dead = await checkReachable('https://pypi.org/simple/', { HTTPS_PROXY: 'http://127.0.0.1:9' });
    expect(dead).toMatchObject({ reachable: false, via: '127.0.0.1:9', reason: 'the proxy 127.0.0.1:9 is not reachable: the connection was refused' });
  });

  it('answers within its deadline when nothing answers', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const started = Date.now();
    const result = await checkReachable(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`, {}, 300);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ reachable: false, timedOut: true, reason: 'no answer within 0.3 s' });
    silent.closeAllConnections();
    silent.close();
  });

  it('honours NO_PROXY and the mirrors rustup and pip are pointed at', () => {
    expect(proxyFor(new URL('https://pypi.org/'), { HTTPS_PROXY: 'proxy:3128', NO_PROXY: '.pypi.org,localhost' })).toBeNull();
    expect(proxyFor(new URL('https://static.rust-lang.org/'), { https_proxy: 'proxy:3128' })?.host).toBe('proxy:3128');
    const urls = endpoints({ RUSTUP_DIST_SERVER: 'https://mirror.example/rust/', PIP_INDEX_URL: 'https://mirror.example/pypi/simple' }).map((e) => e.url);
    expect(urls).toEqual(['https://mirror.example/rust/dist/channel-rust-stable.toml.sha256', 'https://mirror.example/pypi/simple', 'https://index.crates.io/config.json']);
  });
});
