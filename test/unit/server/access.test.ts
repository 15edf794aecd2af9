import { describe, expect, it } from 'vitest';
import { allowedHosts, hostAllowed, newToken, originAllowed, readCookie, tokensEqual } from '../../../src-main/server/access';

describe('web mode access checks', () => {
  it('makes 256-bit tokens and compares them exactly', () => {
    const token = newToken();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken()).not.toBe(token);
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token, token.slice(0, -1) + (token.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(tokensEqual(token, token.slice(1))).toBe(false);
    expect(tokensEqual(token, null)).toBe(false);
  });

  it('allows loopback hosts on our port and the Codespaces forwarded host only', () => {
    const hosts = allowedHosts(4000, { CODESPACE_NAME: 'cs', GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN: 'app.github.dev' });
    expect(hostAllowed('127.0.0.1:4000', hosts)).toBe(true);
    expect(hostAllowed('localhost:4000', hosts)).toBe(true);
    expect(hostAllowed('cs-4000.app.github.dev', hosts)).toBe(true);
    expect(hostAllowed('evil.example:4000', hosts)).toBe(false);
    expect(hostAllowed('127.0.0.1:4001', hosts)).toBe(false);
    expect(hostAllowed(undefined, hosts)).toBe(false);
    expect(originAllowed('http://127.0.0.1:4000', hosts)).toBe(true);
    expect(originAllowed('https://cs-4000.app.github.dev', hosts)).toBe(true);
    expect(originAllowed('http://evil.example', hosts)).toBe(false);
    expect(originAllowed('null', hosts)).toBe(false);
    expect(originAllowed(undefined, hosts)).toBe(false);
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; wheelbench_4000=abc=; b=2', 'wheelbench_4000')).toBe('abc=');
    expect(readCookie('a=1', 'wheelbench_4000')).toBeNull();
  });
});
