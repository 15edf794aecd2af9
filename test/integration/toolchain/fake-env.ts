import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DoctorCheck, DoctorReport } from '../../../src-main/common/domain';
import type { ToolchainContext } from '../../../src-main/core/toolchain/context';
import { findExecutable } from '../../../src-main/core/process/which';

function realTool(name: string): string {
  const path = findExecutable(name, process.env);
  if (path === null) throw new Error(`this test needs ${name} on PATH`);
  return path;
}

/** The interpreter itself, not a pyenv shim in front of it. */
export function realPython(): string {
  return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
}

export const REAL = {
  rustc: () => realTool('rustc'),
  cargo: () => realTool('cargo'),
  rustup: () => realTool('rustup'),
  protoc: () => realTool('protoc'),
};

/** A temp dir whose `bin` is the whole PATH, filled tool by tool: real tools linked in, fakes written. */
export class FakeEnv {
  readonly root = mkdtempSync(join(tmpdir(), 'wb-doctor-'));
  readonly binDir = join(this.root, 'bin');
  readonly dataDir = join(this.root, 'data');
  private extraEnv: NodeJS.ProcessEnv = {};

  constructor() {
    mkdirSync(this.binDir);
  }

  get ctx(): ToolchainContext {
    const env = Object.fromEntries(
      Object.entries({ ...process.env, ...this.extraEnv, PATH: this.binDir }).filter(([, value]) => value !== undefined),
    );
    // A fake machine has only the tools a test puts on its PATH: no system rustc found elsewhere either.
    return { env, dataDir: this.dataDir, system: { rustcPlaces: [] } };
  }

  link(name: string, target: string): this {
    symlinkSync(target, join(this.binDir, name));
    return this;
  }

  linkRealRust(): this {
    return this.link('rustc', REAL.rustc()).link('cargo', REAL.cargo()).link('rustup', REAL.rustup());
  }

  script(name: string, body: string): string {
    const path = join(this.binDir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  setEnv(vars: NodeJS.ProcessEnv): this {
    this.extraEnv = { ...this.extraEnv, ...vars };
    return this;
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export function checkOf(report: DoctorReport, id: string): DoctorCheck {
  const check = report.checks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return check;
}
