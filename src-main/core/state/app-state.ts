import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

interface AppStateData {
  readonly recentProjects: readonly string[];
}

const EMPTY: AppStateData = { recentProjects: [] };
const MAX_RECENT = 10;

/** Small persistent state in the data dir (recent projects). A damaged file is treated as empty. */
export class AppState {
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'state.json');
  }

  async read(): Promise<AppStateData> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<AppStateData>;
      const recent = Array.isArray(parsed.recentProjects) ? parsed.recentProjects.filter((p) => typeof p === 'string') : [];
      return { recentProjects: recent };
    } catch {
      return EMPTY;
    }
  }

  async rememberProject(root: string): Promise<void> {
    const state = await this.read();
    const recentProjects = [root, ...state.recentProjects.filter((p) => p !== root)].slice(0, MAX_RECENT);
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify({ ...state, recentProjects }, null, 2));
  }
}
