import { join, resolve } from 'node:path';
import { version } from '../../package.json';
import type { Core } from '../core/create-core';
import { createCore } from '../core/create-core';
import { defaultDataDir, exampleProjectIn, resourcesDir } from '../core/paths';
import { startWebServer } from '../server/web-server';
import { toErrorData } from '../transport/dispatch';
import { parseCliArgs, USAGE, type CliCommand } from './args';
import { buildExitCode, doctorExitCode, EXIT, projectExitCode } from './exit-codes';
import { formatBuildSummary, formatDoctor, formatError, formatFix, formatProject, formatTargets } from './format';
import { formatInspection, formatVerification } from './format-wheels';

type Command<K extends CliCommand['command']> = Extract<CliCommand, { command: K }>;

function writeOut(text: string): Promise<void> {
  return new Promise((done) => (process.stdout.write(text) ? done() : process.stdout.once('drain', done)));
}

const printJson = (value: unknown) => writeOut(`${JSON.stringify(value, null, 2)}\n`);

function makeCore(cmd: { dataDir: string | undefined }, mode: 'cli' | 'web' = 'cli'): Core {
  return createCore({
    dataDir: resolve(cmd.dataDir ?? defaultDataDir()),
    mode,
    version,
    exampleProject: exampleProjectIn(resourcesDir(__dirname)),
  });
}

/** Streams a job's output to stdout (acknowledging what was written) until its outcome is known. */
async function followJob(core: Core, jobId: string, json: boolean): Promise<void> {
  const unsubscribe = core.onEvent((event) => {
    if ('jobId' in event && event.jobId !== jobId) return;
    if (json) {
      void writeOut(`${JSON.stringify(event)}\n`);
    } else if (event.type === 'output') {
      void writeOut(event.data).then(() => core.ackOutput({ jobId, chars: event.data.length, listener: 'cli' }));
    }
  });
  try {
    await core.waitForJob({ jobId });
  } finally {
    unsubscribe();
  }
}

async function build(cmd: Command<'build'>): Promise<number> {
  const core = makeCore(cmd);
  const { jobId } = await core.startBuild({
    projectDir: cmd.dir,
    targets: [...cmd.targets],
    profile: cmd.profile,
    outDir: cmd.outDir ? resolve(cmd.outDir) : undefined,
    jobs: cmd.jobs,
    interpreters: cmd.interpreters.length ? [...cmd.interpreters] : undefined,
    memoryBudgetBytes: cmd.memoryBudgetBytes,
    compatibility: cmd.compatibility,
    features: cmd.features.length ? [...cmd.features] : undefined,
  });
  let cancelling = false;
  const onSignal = () => {
    if (cancelling) return;
    cancelling = true;
    if (!cmd.json) process.stderr.write('\nCancelling the build…\n');
    void core.cancelJob({ jobId });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await followJob(core, jobId, cmd.json);
  const outcome = await core.waitForJob({ jobId });
  if (outcome.kind !== 'build') return EXIT.failed;
  if (!cmd.json) await writeOut(`\n${formatBuildSummary(outcome.result)}\n`);
  return cancelling ? EXIT.cancelled : buildExitCode(outcome.result);
}

async function serve(cmd: Command<'serve'>): Promise<number> {
  const core = makeCore(cmd, 'web');
  const server = await startWebServer({
    core,
    staticDir: join(__dirname, '..', 'renderer'),
    host: cmd.host,
    port: cmd.port,
  });
  await writeOut(`Wheelbench is serving at ${server.url}\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await core.dispose();
  await server.close();
  return EXIT.ok;
}

async function verify(cmd: Command<'verify'>): Promise<number> {
  const core = makeCore(cmd);
  const { jobId } = await core.verifyWheel({ path: resolve(cmd.wheel), projectDir: cmd.projectDir, pythonRoot: cmd.pythonRoot });
  const onSignal = () => void core.cancelJob({ jobId });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // --json prints one JSON document, the report; people see the steps as they run.
  if (!cmd.json) await followJob(core, jobId, false);
  const outcome = await core.waitForJob({ jobId });
  if (outcome.kind !== 'verify') return EXIT.failed;
  if (cmd.json) await printJson({ ok: outcome.ok, message: outcome.message, ...outcome.report });
  else await writeOut(`\n${formatVerification(outcome)}\n`);
  return outcome.ok ? EXIT.ok : EXIT.failed;
}

async function run(cmd: CliCommand): Promise<number> {
  switch (cmd.command) {
    case 'help':
      await writeOut(`${USAGE}\n`);
      return EXIT.ok;
    case 'version':
      await writeOut(`wheelbench ${version}\n`);
      return EXIT.ok;
    case 'doctor': {
      const report = await makeCore(cmd).runDoctor({ targets: [...cmd.targets] });
      await (cmd.json ? printJson(report) : writeOut(`${formatDoctor(report)}\n`));
      return doctorExitCode(report);
    }
    case 'project': {
      const project = await makeCore(cmd).openProject({ path: cmd.dir });
      await (cmd.json ? printJson(project) : writeOut(`${formatProject(project)}\n`));
      return projectExitCode(project);
    }
    case 'targets': {
      const targets = await makeCore(cmd).listTargets({ compatibility: cmd.compatibility });
      await (cmd.json ? printJson({ targets }) : writeOut(`${formatTargets(targets)}\n`));
      return EXIT.ok;
    }
    case 'project-fix': {
      const core = makeCore(cmd);
      const outcome = cmd.dryRun ? await core.previewProjectFix({ path: cmd.dir, fixId: cmd.fixId }) : await core.applyProjectFix({ path: cmd.dir, fixId: cmd.fixId });
      await (cmd.json ? printJson(outcome) : writeOut(`${formatFix(outcome, cmd.dryRun)}\n`));
      return EXIT.ok;
    }
    case 'build':
      return build(cmd);
    case 'serve':
      return serve(cmd);
    case 'inspect': {
      const report = await makeCore(cmd).inspectWheel({ path: resolve(cmd.wheel) });
      await (cmd.json ? printJson(report) : writeOut(`${formatInspection(report)}\n`));
      return report.verdict === 'error' ? EXIT.failed : EXIT.ok;
    }
    case 'verify':
      return verify(cmd);
    case 'tools-install': {
      const core = makeCore(cmd);
      const { jobId } = await core.installManagedTools({ tools: [...cmd.tools] });
      await followJob(core, jobId, cmd.json);
      const outcome = await core.waitForJob({ jobId });
      const ok = outcome.kind === 'tool-install' && outcome.ok;
      if (!cmd.json && outcome.kind === 'tool-install') await writeOut(`\n${outcome.message}\n`);
      return ok ? EXIT.ok : EXIT.failed;
    }
  }
}

const USAGE_ERRORS = new Set(['not-found', 'not-a-project', 'malformed-input', 'invalid-arguments']);

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.error}\n\n${USAGE}\n`);
    process.exit(EXIT.usage);
  }
  try {
    process.exitCode = await run(parsed.value);
  } catch (e) {
    const error = toErrorData(e);
    const json = 'json' in parsed.value && parsed.value.json;
    if (json) await writeOut(`${JSON.stringify({ error })}\n`);
    else process.stderr.write(`${formatError(error)}\n`);
    process.exitCode = USAGE_ERRORS.has(error.code) ? EXIT.usage : EXIT.failed;
  }
  // node-pty and timers may keep handles open; the command is done.
  process.exit();
}

void main();
