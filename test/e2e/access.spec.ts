import WebSocket from 'ws';
import { expect, test } from './fixtures';

// `wheelbench serve` lets in only the holder of the printed token: the page, its assets and the
// WebSocket all require the cookie the token is exchanged for.

interface WsAttempt {
  readonly opened: boolean;
  readonly status: number | null;
}

function tryWebSocket(url: string, headers: Record<string, string>): Promise<WsAttempt> {
  return new Promise((resolveAttempt) => {
    const ws = new WebSocket(url, { headers });
    const done = (attempt: WsAttempt): void => {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolveAttempt(attempt);
    };
    ws.on('open', () => done({ opened: true, status: 101 }));
    ws.on('unexpected-response', (_req, res) => done({ opened: false, status: res.statusCode ?? null }));
    ws.on('error', () => done({ opened: false, status: null }));
  });
}

test('a page load without the token, or with a wrong one, is refused with directions', async ({ served, playwright, page }) => {
  const anonymous = await playwright.request.newContext();
  try {
    const bare = await anonymous.get(`${served.origin}/`, { maxRedirects: 0 });
    expect(bare.status()).toBe(401);
    expect(await bare.text()).toMatch(/URL that\s+<code>wheelbench serve<\/code>\s+printed|token/i);

    const wrong = await anonymous.get(`${served.origin}/?token=${'0'.repeat(64)}`, { maxRedirects: 0 });
    expect(wrong.status()).toBe(401);
    expect(wrong.headers()['set-cookie']).toBeUndefined();

    const asset = await anonymous.get(`${served.origin}/index.html`, { maxRedirects: 0 });
    expect(asset.status()).toBe(401);
  } finally {
    await anonymous.dispose();
  }

  // In the browser: the refusal page says how to get in.
  const response = await page.goto(`${served.origin}/`);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('wheelbench serve');

  // And the printed URL does get in: the token is swapped for a cookie and stripped from the address.
  await page.goto(served.url);
  await expect(page).toHaveURL(`${served.origin}/`);
  await expect(page.getByTestId('path-input')).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});

test('the WebSocket is refused without the cookie', async ({ served, playwright }) => {
  const wsUrl = `${served.origin.replace(/^http/, 'ws')}/ws`;
  const origin = served.origin;

  const noCookie = await tryWebSocket(wsUrl, { Origin: origin });
  expect(noCookie).toEqual({ opened: false, status: 401 });

  const port = new URL(served.origin).port;
  const wrongCookie = await tryWebSocket(wsUrl, { Origin: origin, Cookie: `wheelbench_${port}=${'f'.repeat(64)}` });
  expect(wrongCookie).toEqual({ opened: false, status: 401 });

  // Control: with the cookie the token buys, the same socket opens (so the refusals above are real).
  const ctx = await playwright.request.newContext();
  try {
    const login = await ctx.get(served.url, { maxRedirects: 0 });
    expect(login.status()).toBe(302);
    const setCookie = login.headers()['set-cookie'] ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(await tryWebSocket(wsUrl, { Origin: origin, Cookie: cookie })).toEqual({ opened: true, status: 101 });

    // …but not from a foreign page, even with the cookie.
    const foreign = await tryWebSocket(wsUrl, { Origin: 'http://evil.example', Cookie: cookie });
    expect(foreign.opened).toBe(false);
  } finally {
    await ctx.dispose();
  }
});
