import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cargoConfigFiles, cargoConfigRustcWrapper } from '../../../src-main/core/project/cargo-config';
import { tempDir } from '../../helpers/paths';

function config(dir: string, text: string): void {
  mkdirSync(join(dir, '.cargo'), { recursive: true });
  writeFileSync(join(dir, '.cargo', 'config.toml'), text);
}

describe("the rustc wrapper a project's cargo config sets", () => {
  it('is read from the nearest config, a relative path from the directory that holds .cargo', async () => {
    const outer = tempDir('wrapper');
    const project = join(outer, 'project');
    config(outer, '[build]\nrustc-wrapper = "sccache"\n');
    expect(await cargoConfigRustcWrapper(await cargoConfigFiles(project, {}))).toBe('sccache');
    config(project, '[build]\nrustc-wrapper = "tools/wrap.sh"\n');
    expect(await cargoConfigRustcWrapper(await cargoConfigFiles(project, {}))).toBe(join(project, 'tools', 'wrap.sh'));
  });

  it('is none without one, or in a broken config', async () => {
    const project = tempDir('wrapper');
    expect(await cargoConfigRustcWrapper(await cargoConfigFiles(project, {}))).toBeNull();
    config(project, '[build\nrustc-wrapper = ');
    expect(await cargoConfigRustcWrapper(await cargoConfigFiles(project, {}))).toBeNull();
  });
});
