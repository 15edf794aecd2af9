import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { prestartPythonScript, scriptInterpreter } from '../../../src-main/core/process/python-prestart';
import { onToolRun, type ToolRunRecord } from '../../../src-main/core/process/spawn';
import { tempDir } from '../../helpers/paths';

// A console script started before its arguments are known: it imports first, then runs as its entry
// point would, with the arguments that arrive later. Real Python, real scripts shaped like pip's.

const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

/** A pip-style console script whose "import" leaves a marker file and whose main echoes its argv. */
function consoleScript(body: { imports?: string; main?: string } = {}): { script: string; imported: string } {
  const dir = tempDir('prestart');
  const imported = join(dir, 'imported');
  const script = join(dir, 'tool');
  writeFileSync(
    script,
    [
      `#!${python}`,
      'import re, sys, json',
      `open(${JSON.stringify(imported)}, 'w').write('yes')`,
      body.imports ?? '',
      'def main():',
      body.main ?? "    print(json.dumps(sys.argv[1:])); print('to stderr', file=sys.stderr); return 3",
      "if __name__ == '__main__':",
      "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])",
      '    sys.exit(main())',
      '',
    ].join('\n'),
  );
  chmodSync(script, 0o755);
  return { script, imported };
}

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let records: ToolRunRecord[] = [];
const stopListening = onToolRun((r) => records.push(r));
afterEach(() => {
  records = [];
});
afterAll(stopListening);

describe('prestarted Python console scripts', () => {
  it('imports before the arguments arrive, then runs main with them: output, exit code and record as a normal run', async () => {
    const { script, imported } = consoleScript();
    const since = performance.now();
    const started = prestartPythonScript({ file: script, args: [] }, { timeoutMs: 20_000 });
    expect(started?.script).toBe(script);
    await until(() => existsSync(imported));
    await new Promise((r) => setTimeout(r, 300));
    expect(records).toHaveLength(0);

    const run = await started?.run(['show', 'a file with spaces.whl', '--json']);
    expect(run).toMatchObject({ exitCode: 3, timedOut: false, spawnError: null });
    expect(JSON.parse(run?.stdout ?? '')).toEqual(['show', 'a file with spaces.whl', '--json']);
    expect(run?.stderr).toBe('to stderr\n');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ command: [script, 'show', 'a file with spaces.whl', '--json'], exitCode: 3, prestarted: true });
    // Its time counts from the hand-over, not from the start.
    expect(records[0]?.durationMs).toBeLessThan(performance.now() - since - 300);
    expect(started?.run(['again'])).toBeNull();
  });

  it('ends as the interpreter would for the result: atexit handlers run, output flushed, exit codes and messages kept', async () => {
    const { script, imported } = consoleScript({
      imports: 'import atexit',
      main: [
        "    atexit.register(lambda: print('atexit ran', file=sys.stderr))",
        "    sys.stdout.write('unflushed output')",
        "    if sys.argv[1] == 'message': sys.exit('a message instead of a code')",
        '    return int(sys.argv[1])',
      ].join('\n'),
    });
    for (const [arg, exitCode, stderr] of [
      ['0', 0, 'atexit ran\n'],
      ['7', 7, 'atexit ran\n'],
      ['message', 1, 'a message instead of a code\natexit ran\n'],
    ] as const) {
      const started = prestartPythonScript({ file: script, args: [] });
      await until(() => existsSync(imported));
      const run = await started?.run([arg]);
      expect(run).toMatchObject({ exitCode, stdout: 'unflushed output', stderr });
    }
  });

  it('counts its timeout from the hand-over: waiting for the arguments longer than the timeout is fine', async () => {
    const { script, imported } = consoleScript();
    const started = prestartPythonScript({ file: script, args: [] }, { timeoutMs: 1_000 });
    await until(() => existsSync(imported));
    await new Promise((r) => setTimeout(r, 1_500));
    const run = await started?.run(['late']);
    expect(run).toMatchObject({ exitCode: 3, timedOut: false });
    expect(run?.stdout).toBe('["late"]\n');
  });

  it('stops unused when discarded: main never runs and nothing is left waiting', async () => {
    const { script, imported } = consoleScript({ main: "    open(sys.argv[0] + '.ran', 'w'); return 0" });
    const started = prestartPythonScript({ file: script, args: [] });
    await until(() => existsSync(imported));
    started?.discard();
    await until(() => records.length === 1);
    expect(records[0]?.exitCode === 0 || records[0]?.signal !== null).toBe(true);
    expect(existsSync(`${script}.ran`)).toBe(false);
    expect(started?.run(['too late'])).toBeNull();
  });

  it('gives the caller back a script that failed while importing, to be run normally', async () => {
    const { script } = consoleScript({ imports: "raise ImportError('no module named missing_dependency')" });
    const started = prestartPythonScript({ file: script, args: [] });
    await until(() => records.length === 1);
    expect(records[0]?.exitCode).toBe(1);
    expect(started?.run(['x'])).toBeNull();
  });

  it('only prestarts plain Python scripts: not binaries, not shell wrappers, not missing files', () => {
    const dir = tempDir('not-python');
    const wrapper = join(dir, 'wrapper');
    writeFileSync(wrapper, "#!/bin/sh\n'''exec' \"/very/long/path/python3\" \"$0\" \"$@\"\n' '''\nimport sys\n");
    chmodSync(wrapper, 0o755);
    expect(scriptInterpreter(wrapper)).toBeNull();
    expect(prestartPythonScript({ file: wrapper, args: [] })).toBeNull();
    expect(prestartPythonScript({ file: '/bin/true', args: [] })).toBeNull();
    expect(prestartPythonScript({ file: join(dir, 'missing'), args: [] })).toBeNull();
    expect(scriptInterpreter(consoleScript().script)).toBe(python);
  });
});
