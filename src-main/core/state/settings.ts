import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildSettings } from '../../common/domain';
import { writeFileAtomic } from '../fs/atomic-write';

const settingsFile = (dataDir: string) => join(dataDir, 'settings.json');

/** The saved build settings; a missing or damaged file means defaults. */
export async function readSettings(dataDir: string): Promise<BuildSettings> {
  try {
    const text = await readFile(settingsFile(dataDir), 'utf8');
    // The contract's schemas (zod) load only when there is a file to check: most CLI runs have none.
    const { paramSchemas } = await import('../../common/contract');
    const parsed = paramSchemas.saveSettings.shape.settings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function writeSettings(dataDir: string, settings: BuildSettings): Promise<BuildSettings> {
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomic(settingsFile(dataDir), `${JSON.stringify(settings, null, 2)}\n`);
  return settings;
}
