import type { WheelTags } from '../../../common/domain';
import type { NativeBinary, WheelProblem } from '../../../common/wheel-report';
import { platformFacts, type PlatformFacts } from '../platform-tags';
import type { ExtensionModuleName } from '../wheel-layout';

// Every native binary against the wheel's tags: the right format for the OS, the architecture(s) the
// platform tag promises, an exported PyInit_ for extension modules, and a file name suffix that the
// Python versions the tags promise will actually import.

const FORMAT_NAMES = { elf: 'an ELF (Linux) binary', pe: 'a Windows PE binary', macho: 'a macOS Mach-O binary', 'macho-fat': 'a macOS universal (fat) binary' } as const;
const OS_OF_FORMAT = { elf: 'linux', pe: 'windows', macho: 'macos', 'macho-fat': 'macos' } as const;
const NEVER_RENAME = 'Build for the target the tag names (maturin build --target …) or let the build name the wheel; never rename wheel files.';

/** GNU multiarch names in CPython's Linux suffixes, in wheel-tag spelling. */
const TRIPLET_ARCH: Readonly<Record<string, string>> = {
  x86_64: 'x86_64',
  aarch64: 'aarch64',
  i386: 'i686',
  i686: 'i686',
  arm: 'armv7l',
  powerpc64le: 'ppc64le',
  powerpc64: 'ppc64',
  s390x: 's390x',
  riscv64: 'riscv64',
  loongarch64: 'loongarch64',
};

const SUFFIX_FORMS: Readonly<Record<'linux' | 'macos' | 'windows', RegExp>> = {
  linux: /^(\.abi3|\.cpython-3\d+[dt]*-[a-z0-9_]+-linux-(gnu|musl)[a-z0-9_]*|\.pypy\d+-pp\d+-[a-z0-9_]+-linux-(gnu|musl)[a-z0-9_]*)?$/,
  macos: /^(\.abi3|\.cpython-3\d+[dt]*-darwin|\.pypy\d+-pp\d+-darwin)?$/,
  windows: /^(\.cp3\d+t?-win(32|_amd64|_arm64)|\.pypy\d+-pp\d+-win_amd64)?$/,
};

export interface BinaryUnderCheck extends NativeBinary {
  readonly moduleName: ExtensionModuleName | null;
  /** Why the export table could not be read, when it could not. */
  readonly exportsNote: string | null;
}

export function checkBinaries(binaries: readonly BinaryUnderCheck[], tags: readonly WheelTags[]): WheelProblem[] {
  const platforms = [...new Set(tags.map((t) => t.platform))].map(platformFacts).filter((p) => p.os !== 'any');
  const abiTags = new Set(tags.map((t) => t.abi));
  const problems: WheelProblem[] = [];
  for (const binary of binaries) {
    problems.push(...checkPlatform(binary, platforms));
    if (binary.moduleName) problems.push(...checkModule(binary, binary.moduleName, platforms, abiTags));
    problems.push(...checkLinkedLibraries(binary, platforms));
  }
  return problems;
}

function checkPlatform(binary: BinaryUnderCheck, platforms: readonly PlatformFacts[]): WheelProblem[] {
  const problems: WheelProblem[] = [];
  for (const platform of platforms) {
    if (platform.format === null) continue;
    if (OS_OF_FORMAT[binary.format] !== platform.os) {
      problems.push({
        id: 'binary.format-mismatch',
        severity: 'error',
        message: `${binary.path} is ${FORMAT_NAMES[binary.format]}, but the wheel is tagged ${platform.tag}: it cannot load there.`,
        file: binary.path,
        fix: { summary: NEVER_RENAME },
      });
      continue;
    }
    const missing = platform.architectures.filter((arch) => !binary.architectures.includes(arch));
    if (missing.length === 0) continue;
    const has = binary.architectures.join(' + ') || 'an unknown architecture';
    problems.push({
      id: 'binary.arch-mismatch',
      severity: 'error',
      message:
        platform.architectures.length > 1
          ? `${binary.path} contains only ${has}, but ${platform.tag} promises ${platform.architectures.join(' and ')}: on ${missing.join(', ')} machines the import fails.`
          : `${binary.path} is built for ${has}, but the wheel is tagged ${platform.tag}: pip installs it on ${platform.architectures[0]} machines and the import fails there.`,
      file: binary.path,
      fix: {
        summary:
          platform.architectures.length > 1
            ? 'Build both architectures into one universal2 binary (maturin build --target universal2-apple-darwin), or ship one wheel per architecture.'
            : NEVER_RENAME,
      },
    });
  }
  return problems;
}

function checkModule(binary: BinaryUnderCheck, name: ExtensionModuleName, platforms: readonly PlatformFacts[], abiTags: ReadonlySet<string>): WheelProblem[] {
  const problems: WheelProblem[] = [];
  const at = { file: binary.path };
  const exportsInit = binary.module?.exportsInit ?? null;
  if (exportsInit === false) {
    problems.push({
      id: 'binary.no-pyinit',
      severity: 'error',
      message: `${binary.path} does not export ${name.initSymbol}, so \`import ${name.module}\` fails with "dynamic module does not define module export function (${name.initSymbol})".`,
      ...at,
      fix: { summary: `Make the #[pymodule] function, [lib] name in Cargo.toml and the last part of module-name in [tool.maturin] all "${name.stem}".` },
    });
  } else if (exportsInit === null && name.asciiName) {
    problems.push({ id: 'binary.exports-unchecked', severity: 'info', message: `Could not check that ${binary.path} exports ${name.initSymbol}: ${binary.exportsNote ?? 'its export table was not readable'}.`, ...at });
  }

  for (const os of new Set(platforms.map((p) => p.os))) {
    if (os !== 'linux' && os !== 'macos' && os !== 'windows') continue;
    const wanted = os === 'windows' ? 'pyd' : 'so';
    if (name.extension !== wanted) {
      problems.push({ id: 'binary.extension-mismatch', severity: 'error', message: `${binary.path} ends in .${name.extension}, but Python on ${os === 'windows' ? 'Windows' : os === 'macos' ? 'macOS' : 'Linux'} only imports .${wanted} extension modules.`, ...at, fix: { summary: NEVER_RENAME } });
    } else if (!SUFFIX_FORMS[os].test(name.suffix)) {
      problems.push({ id: 'binary.unknown-suffix', severity: 'warn', message: `${binary.path} has the suffix "${name.suffix}", which no Python on ${os} looks for: \`import ${name.module}\` will not find it.`, ...at, fix: { summary: 'Let the build backend name extension modules (maturin / setuptools-rust use the interpreter\'s EXT_SUFFIX).' } });
    }
  }

  const version = /^\.(?:cpython-|cp)(3)(\d+)/.exec(name.suffix);
  if (version && abiTags.has('abi3')) {
    problems.push({
      id: 'binary.abi3-suffix',
      severity: 'error',
      message: `${binary.path} is named for CPython ${version[1]}.${version[2]} only ("${name.suffix}"), but the wheel claims abi3: on every other Python version \`import ${name.module}\` does not find it.`,
      ...at,
      fix: { summary: 'Build with PyO3\'s abi3 feature (e.g. features = ["abi3-py39"]) so the module is named .abi3.so / .pyd.' },
    });
  } else if (version) {
    const named = `cp${version[1]}${version[2]}`;
    const cpythonAbis = [...abiTags].filter((a) => /^cp3\d+/.test(a));
    if (cpythonAbis.length > 0 && !cpythonAbis.some((a) => a.startsWith(named))) {
      problems.push({ id: 'binary.version-suffix', severity: 'error', message: `${binary.path} is named for CPython ${version[1]}.${version[2]}, but the wheel is tagged ${cpythonAbis.join(', ')}: that interpreter will not import it.`, ...at, fix: { summary: 'Build with the interpreter the wheel is for (maturin build -i python3.X).' } });
    }
  }

  const triplet = /-([a-z0-9_]+)-linux-(?:gnu|musl)/.exec(name.suffix)?.[1];
  const tripletArch = triplet ? TRIPLET_ARCH[triplet] : undefined;
  if (tripletArch && binary.architectures.length > 0 && !binary.architectures.includes(tripletArch)) {
    problems.push({ id: 'binary.suffix-arch', severity: 'error', message: `${binary.path} is named for ${triplet} but is built for ${binary.architectures.join(', ')}.`, ...at, fix: { summary: NEVER_RENAME } });
  }
  return problems;
}

function checkLinkedLibraries(binary: BinaryUnderCheck, platforms: readonly PlatformFacts[]): WheelProblem[] {
  const problems: WheelProblem[] = [];
  const at = { file: binary.path };
  const musl = binary.needs.some((lib) => /^libc\.musl-/.test(lib) || lib === 'libc.musl.so.1');
  const glibc = binary.needs.includes('libc.so.6');
  for (const platform of platforms) {
    if (platform.linux?.libc === 'glibc' && musl) {
      problems.push({ id: 'binary.libc-mismatch', severity: 'error', message: `${binary.path} links against musl libc, but ${platform.tag} promises glibc.`, ...at, fix: { summary: 'Tag musl builds musllinux_* (maturin build --target *-unknown-linux-musl does this).' } });
    }
    if (platform.linux?.libc === 'musl' && glibc) {
      problems.push({ id: 'binary.libc-mismatch', severity: 'error', message: `${binary.path} links against glibc (libc.so.6), but ${platform.tag} promises musl.`, ...at, fix: { summary: 'Build with a *-unknown-linux-musl target for musllinux wheels.' } });
    }
  }
  const libpython = binary.needs.find((lib) => /^libpython3/.test(lib));
  if (libpython && binary.module) {
    problems.push({
      id: 'binary.links-libpython',
      severity: 'warn',
      message: `${binary.path} links ${libpython}: Pythons without a shared libpython (python.org builds, manylinux images, many distros' static builds) cannot import it.`,
      ...at,
      fix: { summary: 'Build the extension with maturin (PyO3\'s extension-module handling leaves Python symbols to the interpreter).' },
    });
  }
  return problems;
}
