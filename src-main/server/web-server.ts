import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WheelbenchClient } from '../common/contract';
import { serveConnection } from '../transport/websocket-adapter';
import { allowedHosts, hostAllowed, newToken, originAllowed, readCookie, tokensEqual } from './access';
import { readStaticFile } from './static-files';

export interface WebServerOptions {
  readonly core: WheelbenchClient;
  readonly staticDir: string;
  readonly host?: string;
  readonly port?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Fixed token (tests); a fresh 256-bit one otherwise. */
  readonly token?: string;
}

export interface WebServer {
  /** The URL to open, token included. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const DENIED_PAGE = `<!doctype html><meta charset="utf-8"><title>Wheelbench</title>
<body style="font-family:sans-serif;background:#1e1e1e;color:#ddd;padding:2em">
<h1>Access denied</h1><p>Open the full URL that <code>wheelbench serve</code> printed in your terminal:
it carries the access token for this session.</p></body>`;

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/** `wheelbench serve`: the built renderer over HTTP and the API contract over a WebSocket. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const env = options.env ?? process.env;
  const bindHost = options.host ?? '127.0.0.1';
  let hosts: ReadonlySet<string> = new Set();
  let cookieName = 'wheelbench';

  const deny = (res: ServerResponse, status: number) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(DENIED_PAGE);
  };
  const authenticated = (req: IncomingMessage) => tokensEqual(token, readCookie(req.headers.cookie, cookieName));

  const http = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req.headers.host, hosts)) return deny(res, 403);
      const url = new URL(req.url ?? '/', 'http://placeholder');
      if (url.searchParams.has('token')) {
        if (!tokensEqual(token, url.searchParams.get('token'))) return deny(res, 401);
        url.searchParams.delete('token');
        res.writeHead(302, {
          ...SECURITY_HEADERS,
          'Set-Cookie': `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname + url.search,
        });
        return res.end();
      }
      if (!authenticated(req)) return deny(res, 401);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, SECURITY_HEADERS);
        return res.end();
      }
      const file = await readStaticFile(options.staticDir, url.pathname);
      if (!file) {
        res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
        return res.end('Not found');
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    } catch {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  http.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    if (path !== '/ws') return refuse(socket, '404 Not Found');
    if (!hostAllowed(req.headers.host, hosts) || !originAllowed(req.headers.origin, hosts)) return refuse(socket, '403 Forbidden');
    if (!authenticated(req)) return refuse(socket, '401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, bindHost, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  hosts = allowedHosts(port, env);
  // Cookies are not scoped by port: name ours after it so two servers do not share a session.
  cookieName = `wheelbench_${port}`;
  const displayHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  return {
    url: `http://${displayHost}:${port}/?token=${token}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
