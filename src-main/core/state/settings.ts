import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildSettings } from '../../common/domain';
import { paramSchemas } from '../../common/contract';
import { writeFileAtomic } from '../fs/atomic-write';

const settingsFile = (dataDir: string) => join(dataDir, 'settings.json');

/** The saved build settings; a missing or damaged file means defaults. */
export async function readSettings(dataDir: string): Promise<BuildSettings> {
  try {
    const parsed = paramSchemas.saveSettings.shape.settings.safeParse(JSON.parse(await readFile(settingsFile(dataDir), 'utf8')));
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
