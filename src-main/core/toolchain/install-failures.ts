const NETWORK_TROUBLE =
  /NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|nodename nor servname|Network is unreachable|Connection refused|ConnectTimeoutError|Read timed out|ProxyError|Tunnel connection failed|SSLError|CERTIFICATE_VERIFY_FAILED|Could not fetch URL/i;
// maturin and ziglang are always on PyPI, so an index that lists no version at all was not really reached.
const NOTHING_FROM_INDEX = /\(from versions: none\)/;
const NO_MATCHING_RELEASE = /No matching distribution found for|Could not find a version that satisfies the requirement/i;
const NO_VENV_MODULE = /ensurepip is not available|No module named venv|No module named ensurepip|python3(\.\d+)?-venv/i;

/** A sentence a newcomer can act on, from the tail of a failed `pip install`. */
export function explainPipFailure(output: string, packages: readonly string[], retry: string, env: NodeJS.ProcessEnv = {}): string {
  const what = packages.join(' and ');
  if (NETWORK_TROUBLE.test(output) || NOTHING_FROM_INDEX.test(output)) {
    const index = hostIn(env.PIP_INDEX_URL) ?? hostIn(/Could not fetch URL (\S+)/.exec(output)?.[1]) ?? 'pypi.org';
    const proxy = env.HTTPS_PROXY || env.https_proxy;
    const via = proxy ? ` through the proxy ${hostIn(proxy) ?? proxy}` : '';
    return (
      `pip could not reach the package index (${index})${via} to download ${what}: this machine looks offline or behind a proxy, ` +
      `or pip is configured for an index that lacks it. Connect to the internet (or set HTTPS_PROXY / PIP_INDEX_URL ` +
      `for your network) and run \`${retry}\` again.`
    );
  }
  if (NO_MATCHING_RELEASE.test(output)) {
    return (
      `pip found no release of ${what} for this platform and Python version. ` +
      `Check the output above, then run \`${retry}\` again.`
    );
  }
  if (/No space left on device/i.test(output)) return `The disk is full: free some space and run \`${retry}\` again.`;
  if (/Permission denied/i.test(output)) {
    return `pip was not allowed to write into Wheelbench's tools directory (permission denied). Fix its ownership and run \`${retry}\` again.`;
  }
  return `pip could not install ${what}${lastErrorLine(output)}. The full output is above; run \`${retry}\` to try again.`;
}

/** The host of the first URL in a text (`http://proxy:3128/x` → `proxy:3128`), or null. */
export function hostIn(text: string | undefined): string | null {
  if (!text) return null;
  return /\bhttps?:\/\/([^/\s'"`)]+)/.exec(text)?.[1] ?? null;
}

/** Why `python -m venv` failed, in words that name the package to install. */
export function explainVenvFailure(output: string, python: string, version: string): string {
  if (NO_VENV_MODULE.test(output)) {
    const [major, minor] = version.split('.');
    return (
      `Python ${version} at ${python} cannot create virtual environments: its venv module is missing. ` +
      `Install it (Debian/Ubuntu: sudo apt-get install python${major}.${minor}-venv) and try again.`
    );
  }
  return `Creating Wheelbench's tools virtualenv with ${python} failed${lastErrorLine(output)}. The full output is above.`;
}

/** `: <the last line that reads like an error>`, to end a sentence about a failed command; '' for no output. */
export function lastErrorLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const error = [...lines].reverse().find((line) => /error|failed|^E:/i.test(line)) ?? lines.at(-1);
  return error ? `: ${error.length > 300 ? `${error.slice(0, 300)}…` : error}` : '';
}
