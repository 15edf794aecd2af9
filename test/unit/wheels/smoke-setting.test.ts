import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSmokeSetting } from '../../../src-main/core/wheels/verify/smoke-setting';
import { tempDir } from '../../helpers/paths';

describe('the smoke check setting', () => {
  it('reads [tool.wheelbench] smoke, and is absent without one', async () => {
    const dir = tempDir('smoke');
    expect(await readSmokeSetting(dir)).toBeNull();
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.wheelbench]\nsmoke = "import x; x.ok()"\n');
    expect(await readSmokeSetting(dir)).toBe('import x; x.ok()');
  });

  it('says where a smoke check that is not a string is', async () => {
    const dir = tempDir('smoke');
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\n\n[tool.wheelbench]\nsmoke = 3\n');
    await expect(readSmokeSetting(dir)).rejects.toThrow(`${join(dir, 'pyproject.toml')}:5: \`tool.wheelbench.smoke\` must be a string, not the number 3.`);
  });
});
