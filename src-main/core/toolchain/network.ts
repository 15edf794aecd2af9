import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';

// Can this machine reach the servers the tools download from? One HEAD request each (through the proxy the
// tools would use), with a short deadline: the answer is "online" or "offline, because…", never a hang.

export type EndpointId = 'rust-dist' | 'pypi' | 'crates-io';

export interface Endpoint {
  readonly id: EndpointId;
  /** Who downloads from it, for messages: `rustup`, `pip`, `cargo`. */
  readonly client: string;
  readonly url: string;
}

/** The servers rustup, pip and cargo use, honouring the variables that move them. */
export function endpoints(env: NodeJS.ProcessEnv): readonly Endpoint[] {
  const pipIndex = env.PIP_INDEX_URL || env.UV_INDEX_URL || 'https://pypi.org/simple/';
  return [
    { id: 'rust-dist', client: 'rustup', url: `${(env.RUSTUP_DIST_SERVER || 'https://static.rust-lang.org').replace(/\/+$/, '')}/dist/channel-rust-stable.toml.sha256` },
    { id: 'pypi', client: 'pip', url: pipIndex },
    { id: 'crates-io', client: 'cargo', url: 'https://index.crates.io/config.json' },
  ];
}

export type Reachability =
  | { readonly reachable: true; readonly host: string; readonly status: number; readonly ms: number; readonly via: string | null }
  | {
      readonly reachable: false;
      readonly host: string;
      /** Why not, as a clause: `the name does not resolve (DNS)`, `no answer within 1.2 s`. */
      readonly reason: string;
      readonly timedOut: boolean;
      readonly via: string | null;
    };

export const NETWORK_TIMEOUT_MS = 1200;

/** The proxy a tool would use for this URL (https_proxy / HTTPS_PROXY / http_proxy, minus NO_PROXY). */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | null {
  const secure = url.protocol === 'https:';
  const raw = secure ? env.https_proxy || env.HTTPS_PROXY || env.all_proxy || env.ALL_PROXY : env.http_proxy || env.HTTP_PROXY;
  if (!raw || bypassesProxy(url.hostname, env.no_proxy || env.NO_PROXY || '')) return null;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return null;
  }
}

function bypassesProxy(host: string, noProxy: string): boolean {
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => entry === '*' || host === entry.replace(/^\./, '') || host.endsWith(entry.startsWith('.') ? entry : `.${entry}`));
}

export function checkReachable(target: string, env: NodeJS.ProcessEnv, timeoutMs = NETWORK_TIMEOUT_MS): Promise<Reachability> {
  const url = new URL(target);
  const proxy = proxyFor(url, env);
  const via = proxy ? proxy.host : null;
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Reachability) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const unreachable = (reason: string, timedOut = false) => finish({ reachable: false, host: url.host, reason, timedOut, via });
    const answered = (status: number) => finish({ reachable: true, host: url.host, status, ms: Math.round(performance.now() - started), via });
    const timer = setTimeout(() => unreachable(`no answer within ${timeoutMs / 1000} s`, true), timeoutMs);
    const request = proxy ? tunnelThrough(proxy, url, answered, unreachable) : headRequest(url, answered, unreachable);
  });
}

function headRequest(url: URL, answered: (status: number) => void, unreachable: (reason: string) => void): http.ClientRequest {
  const client = url.protocol === 'https:' ? https : http;
  const request = client.request(url, { method: 'HEAD', agent: false, headers: { 'user-agent': 'wheelbench-doctor' } }, (response) => {
    response.resume();
    answered(response.statusCode ?? 0);
  });
  request.on('error', (error) => unreachable(describeNetworkError(error)));
  request.end();
  return request;
}

/** Through a proxy, reaching the server is the proxy opening a tunnel to it (CONNECT answered with 200). */
function tunnelThrough(proxy: URL, url: URL, answered: (status: number) => void, unreachable: (reason: string) => void): http.ClientRequest {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const auth = proxy.username ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` } : {};
  const request = http.request({
    host: proxy.hostname,
    port: proxy.port || 80,
    method: 'CONNECT',
    path: `${url.hostname}:${port}`,
    agent: false,
    headers: { host: `${url.hostname}:${port}`, ...auth },
  });
  request.on('connect', (response, socket) => {
    socket.destroy();
    if (response.statusCode === 200) answered(200);
    else unreachable(`the proxy ${proxy.host} refused the connection (HTTP ${response.statusCode})`);
  });
  request.on('error', (error) => unreachable(`the proxy ${proxy.host} is not reachable: ${describeNetworkError(error)}`));
  request.end();
  return request;
}

export function describeNetworkError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the name does not resolve (DNS)';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'there is no route to it (network unreachable)';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    default:
      if (/certificate|self.signed|SSL|TLS/i.test(`${error.code ?? ''} ${error.message}`)) {
        return `TLS failed (${error.code ?? error.message}): a proxy or firewall may intercept HTTPS`;
      }
      return error.code ?? error.message;
  }
}
