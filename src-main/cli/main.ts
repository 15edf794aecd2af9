import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { version } from '../../package.json';
import type { Core } from '../core/create-core';
import { createCore } from '../core/create-core';
import { defaultDataDir, exampleProjectIn, resourcesDir } from '../core/paths';
import { parseCliArgs, USAGE, type CliCommand } from './args';
import { buildExitCode, doctorExitCode, EXIT, projectExitCode } from './exit-codes';
import { isErrorData, toErrorData } from '../common/errors';
import { targetsNamedBy } from '../core/toolchain/doctor-fix';
import { formatBuildSummary, formatError, formatFix, formatHistory, formatProject, formatTargets } from './format';
import { formatCheckLine, formatDoctor, formatExplanation } from './format-doctor';
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

/** Asks a yes/no question on the terminal; false without one (never run sudo unasked). */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** `wheelbench doctor --fix ID`: runs the fix live, asks before changing the system, then re-checks. */
async function doctorFix(cmd: Command<'doctor'> & { fix: string }): Promise<number> {
  const core = makeCore(cmd);
  let started;
  try {
    started = await core.runDoctorFix({ id: cmd.fix, confirmed: cmd.yes });
  } catch (error) {
    if (!isErrorData(error) || error.code !== 'needs-confirmation' || cmd.json) throw error;
    const command = error.fix?.command ?? '';
    if (!(await confirm(`This fix runs \`${command}\`. Run it now?`))) {
      process.stderr.write(`Not run. To run it: wheelbench doctor --fix ${cmd.fix} --yes (or run the command yourself: ${command})\n`);
      return EXIT.failed;
    }
    started = await core.runDoctorFix({ id: cmd.fix, confirmed: true });
  }
  await followJob(core, started.jobId, cmd.json);
  const outcome = await core.waitForJob({ jobId: started.jobId });
  const ok = outcome.kind === 'doctor-fix' && outcome.ok;
  if (!cmd.json && outcome.kind === 'doctor-fix') {
    await writeOut(`\n${ok ? '✓' : '✗'} ${outcome.message}\n`);
    const report = await core.runDoctor({ targets: [...cmd.targets, ...targetsNamedBy(cmd.fix)] });
    const check = report.checks.find((c) => c.id === cmd.fix);
    if (check) await writeOut(`Now: ${formatCheckLine(check)}\n`);
  }
  return ok ? EXIT.ok : EXIT.failed;
}

async function explain(cmd: Command<'explain'>): Promise<number> {
  const log = cmd.log === '-' ? await readStdin() : await readFile(cmd.log, 'utf8').catch(() => null);
  if (log === null) {
    process.stderr.write(`error: cannot read ${cmd.log}\n`);
    return EXIT.usage;
  }
  const explanation = await makeCore(cmd).explainLog({ log });
  await (cmd.json ? printJson({ explanation }) : writeOut(`${formatExplanation(explanation)}\n`));
  return explanation ? EXIT.ok : EXIT.failed;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function serve(cmd: Command<'serve'>): Promise<number> {
  const core = makeCore(cmd, 'web');
  // The web server (ws, the contract's schemas) loads only for `serve`: every other command starts faster.
  const { startWebServer } = await import('../server/web-server');
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
      if (cmd.fix !== null) return doctorFix({ ...cmd, fix: cmd.fix });
      const report = await makeCore(cmd).runDoctor({ targets: [...cmd.targets] });
      await (cmd.json ? printJson(report) : writeOut(`${formatDoctor(report, { verbose: cmd.verbose })}\n`));
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
    case 'explain':
      return explain(cmd);
    case 'history': {
      const projectDir = cmd.dir === undefined ? null : resolve(cmd.dir);
      const entries = await makeCore(cmd).listHistory({ projectDir: projectDir ?? undefined, limit: cmd.limit });
      await (cmd.json ? printJson({ builds: entries }) : writeOut(`${formatHistory(entries, projectDir)}\n`));
      return EXIT.ok;
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
