import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';

// The layer rules are lint rules; these cases prove the rules bite (a rule that never fires is no rule).
const eslint = new ESLint({ cwd: repoRoot });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('architecture boundaries (eslint no-restricted-imports)', () => {
  it('src-main/common imports nothing from Node', async () => {
    expect(await problems('src-main/common/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await problems('src-main/common/x.ts', "import { join } from 'path';\nexport const j = join;\n")).toHaveLength(1);
    expect(await problems('src-main/common/x.ts', "import type { WheelbenchEvent } from './events';\nexport type E = WheelbenchEvent;\n")).toEqual([]);
  });

  it('src-main/core never imports electron', async () => {
    expect(await problems('src-main/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await problems('src-main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('the renderer only imports types from src-main/common, and never the core or electron', async () => {
    const file = 'src-renderer/x.ts';
    expect(await problems(file, "import type { WheelbenchClient } from '../src-main/common/contract';\nexport type C = WheelbenchClient;\n")).toEqual([]);
    expect(await problems(file, "import { paramSchemas } from '../src-main/common/contract';\nexport const p = paramSchemas;\n")).toHaveLength(1);
    expect(await problems(file, "import { createCore } from '../src-main/core/create-core';\nexport const c = createCore;\n")).toHaveLength(1);
    expect(await problems(file, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toHaveLength(1);
  });
});
