import { debianArchFor } from './fixes';
import { hostIn, lastErrorLine } from './install-failures';

// Why a fix failed, from what its command printed: a sentence that names the broken piece (the host that
// could not be reached, the toolchain rustup cannot change) and what to do instead.

const RUSTUP_NETWORK =
  /could not download file|error sending request|failed to download|download failed|dns error|failed to lookup address|tcp connect error|Connection refused|connection reset|timed out|network is unreachable|could not resolve|error trying to connect|No route to host/i;

function offlineAlternatives(targets: readonly string[]): string {
  const arches = targets.map(debianArchFor);
  if (arches.every((arch): arch is string => arch !== null)) {
    return (
      `Offline, Debian ships the standard library as packages: sudo dpkg --add-architecture ${arches.join(' ')} && sudo apt-get update && ` +
      `sudo apt-get install rustc-web cargo-web ${arches.map((arch) => `libstd-rust-web-dev:${arch}`).join(' ')} ` +
      '(Wheelbench then builds with that toolchain).'
    );
  }
  return "Offline, a toolchain with rust-src (Debian: rustc-web + rust-web-src) can build std itself with -Z build-std; Wheelbench uses that as a labelled fallback.";
}

export function explainRustupFailure(output: string, targets: readonly string[], toolchain: string | null, env: NodeJS.ProcessEnv): string {
  const list = targets.join(' ');
  // rustup says it two ways: for the active toolchain, and for a custom name passed to --toolchain.
  const custom = /toolchain '([^']+)' does not support components|invalid toolchain name: '([^']+)'|custom toolchain/i.exec(output);
  if (custom) {
    const name = custom[1] ?? custom[2] ?? toolchain ?? 'this toolchain';
    return (
      `rustup cannot add targets to '${name}': it is a linked (custom) toolchain, not one rustup downloaded, so rustup has no standard library for it. ` +
      `Install std for ${list} the way that toolchain came (a distribution's rustc: its libstd packages, e.g. Debian's libstd-rust-web-dev:<arch>), ` +
      `or build with a rustup toolchain instead: rustup toolchain install stable && rustup target add --toolchain stable ${list}.`
    );
  }
  if (RUSTUP_NETWORK.test(output)) {
    const host = hostIn(output) ?? hostIn(env.RUSTUP_DIST_SERVER ?? '') ?? 'static.rust-lang.org';
    const proxy = env.HTTPS_PROXY || env.https_proxy;
    const via = proxy ? ` through the proxy ${hostIn(proxy) ?? proxy}` : '';
    return `rustup could not reach ${host}${via} to download the standard library for ${list}: this machine is offline for rustup. ${offlineAlternatives(targets)}`;
  }
  const missingToolchain = /toolchain '([^']+)' is not installed/.exec(output);
  if (missingToolchain) {
    return `The rustup toolchain '${missingToolchain[1]}' is not installed: rustup toolchain install ${missingToolchain[1]}, then run the fix again.`;
  }
  if (/no default (toolchain )?(is )?configured/i.test(output)) {
    return 'rustup has no default toolchain to add targets to: rustup default stable, then run the fix again.';
  }
  return `rustup target add ${list} failed${lastErrorLine(output)}. The full output is above.`;
}

export function explainSystemFailure(output: string, command: string): string {
  if (/a password is required|a terminal is required|no tty present|askpass/i.test(output)) {
    return `sudo needs your password, which Wheelbench cannot type for you. Run the command yourself in a terminal: ${command}`;
  }
  if (/sudo: (command )?not found|sudo: No such file/i.test(output)) {
    return `sudo is not installed and Wheelbench does not run as root. Run the command as root: ${command.replace(/\bsudo /g, '')}`;
  }
  const unknown = /Unable to locate package (\S+)|No match for argument: (\S+)|No available formula with the name "?([^"\s]+)/.exec(output);
  if (unknown) {
    const name = unknown[1] ?? unknown[2] ?? unknown[3];
    const foreign = name?.includes(':') ? ` For ${name}, its architecture must be added first (dpkg --add-architecture ${name.split(':')[1]}).` : '';
    return `The package manager does not know ${name}: refresh its lists (sudo apt-get update) or your distribution does not ship it.${foreign}`;
  }
  const unreachable = /Could not resolve '([^']+)'|Temporary failure resolving '([^']+)'|Failed to fetch (\S+)|Could not connect to ([^\s:]+)/.exec(output);
  if (unreachable) {
    const raw = unreachable[1] ?? unreachable[2] ?? unreachable[3] ?? unreachable[4] ?? '';
    const host = hostIn(raw) ?? raw;
    return `The package manager could not reach ${host}: this machine is offline for it, or the mirror is down. Connect and run the fix again.`;
  }
  if (/Could not get lock|Unable to acquire the dpkg frontend lock|dpkg was interrupted/i.test(output)) {
    return 'Another package manager run holds the lock (or an earlier one was interrupted). Wait for it to finish (or run sudo dpkg --configure -a), then run the fix again.';
  }
  return `${command} failed${lastErrorLine(output)}. The full output is above.`;
}
