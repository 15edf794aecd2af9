import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { installProtocFix } from '../../toolchain/checks/protoc-check';
import type { Check, Finding } from './check';

// What this machine must have for the build to get as far as the compiler, and configuration that
// cargo and rustup will not see because of where maturin starts them.

export const buildNeedsCheck: Check = (ctx) => {
  const found: Finding[] = [];
  const manifest = ctx.crate?.doc.file;
  for (const { need, crate } of ctx.needSources) {
    if (need === 'protoc' && ctx.host.protoc === null) {
      found.push({
        id: 'build.protoc',
        severity: ctx.model.backend === 'hybrid' ? 'warn' : 'error',
        message: `A build script uses ${crate} to compile .proto files, which runs protoc — and protoc is not on PATH${ctx.env.PROTOC ? ` (PROTOC=${ctx.env.PROTOC} is not an executable)` : ''}. The build stops with "Could not find \`protoc\` installation".${
          ctx.model.backend === 'hybrid' ? ' Only maturin builds need it here; pip/uv installs build the pure wheel.' : ' Every machine that builds this project from source needs it, CI included.'
        }`,
        file: manifest,
        fix: { ...installProtocFix(), summary: `${installProtocFix().summary} Or add protoc-bin-vendored as a build-dependency and set PROTOC from it in build.rs.` },
      });
    }
    if (need === 'c-compiler' && ctx.host.cCompiler === null) {
      found.push({
        id: 'build.c-compiler',
        severity: 'error',
        message: `A build script uses ${crate} to compile C code, and there is no C compiler (cc, gcc or clang) on PATH.`,
        file: manifest,
        fix: process.platform === 'darwin' ? { summary: 'Install the Xcode command line tools.', command: 'xcode-select --install' } : { summary: 'Install a C compiler.', command: 'sudo apt-get install build-essential' },
      });
    }
    if (need === 'openssl') {
      found.push({
        id: 'build.openssl',
        severity: 'info',
        message: `${crate} links the system OpenSSL: native builds need its headers (libssl-dev), and cross builds fail with "Could not find directory of OpenSSL installation" and manylinux wheels cannot bundle it.`,
        file: manifest,
        fix: { summary: 'Enable the `vendored` feature of the openssl crate (builds OpenSSL from source), or switch the HTTP/TLS stack to rustls.' },
      });
    }
  }
  return found;
};

export const cargoConfigCheck: Check = (ctx) => {
  const unseen = ctx.model.cargoConfigs.filter((c) => !c.applies);
  if (unseen.length === 0) return [];
  const rootConfig = join(ctx.root, '.cargo', 'config.toml');
  const rootHasOne = ctx.model.cargoConfigs.some((c) => c.applies && (c.path === rootConfig || c.path === join(ctx.root, '.cargo', 'config')));
  const only = unseen.length === 1 ? unseen[0] : undefined;
  const rel = (p: string) => relative(ctx.root, p);
  return [
    {
      id: 'cargo-config.not-seen',
      severity: 'warn',
      message: `${unseen.map((c) => rel(c.path)).join(', ')} will be ignored: cargo reads .cargo/config.toml from the folder it runs in and its parents, and maturin, pip and uv run it from ${ctx.root} — not from the crate's folder. Its [env], [build] and linker settings do not apply.`,
      file: unseen[0]!.path,
      line: 1,
      fix: { summary: `Move the settings to ${rel(rootConfig)} (or set them in the environment of the build).` },
      edits:
        only && !rootHasOne
          ? [
              {
                id: 'cargo-config.not-seen',
                summary: `Copy ${rel(only.path)} to ${rel(rootConfig)} (relative paths in it now count from the project root)`,
                plan: () => [{ kind: 'create', file: rootConfig, text: readFileSync(only.path, 'utf8') }],
              },
            ]
          : undefined,
    },
  ];
};

export const toolchainCheck: Check = (ctx) => {
  const found: Finding[] = [];
  const pin = ctx.model.toolchain;
  if (pin && pin.installed === false && !ctx.env.RUSTUP_TOOLCHAIN) {
    found.push({
      id: 'toolchain.not-installed',
      severity: 'error',
      message: `${relative(ctx.root, pin.file) || pin.file} pins Rust ${pin.channel}, which rustup has not installed: the build stops while rustup tries to download it (and fails offline).`,
      file: pin.file,
      line: 1,
      fix: { summary: `Install the pinned toolchain, or change the pin to one you have (\`rustup toolchain list\`).`, command: `rustup toolchain install ${pin.channel}` },
    });
  }
  if (pin && !ctx.host.hasRustup) {
    found.push({
      id: 'toolchain.pin-without-rustup',
      severity: 'warn',
      message: `${relative(ctx.root, pin.file) || pin.file} pins Rust ${pin.channel}, but there is no rustup here: the pin is ignored and the rustc on PATH builds the project.`,
      file: pin.file,
      line: 1,
      fix: { summary: 'Install rustup to honour the pin, or make sure the rustc on PATH is new enough.' },
    });
  }
  const unseen = ctx.unseenPins;
  if (unseen.length) {
    const names = unseen.map((p) => `${relative(ctx.root, p.file)} (${p.channel})`).join(', ');
    found.push({
      id: 'toolchain.pin-not-seen',
      severity: 'warn',
      message: `${names} will be ignored: rustup looks for the toolchain pin in the folder cargo runs in (${ctx.root}) and its parents, so maturin builds do not use it.`,
      file: unseen[0]!.file,
      line: 1,
      fix: { summary: 'Move the pin (rust-toolchain.toml) to the project root.' },
    });
  }
  return found;
};
