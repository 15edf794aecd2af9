import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/** Parent of every process, read straight from /proc (no `ps` to spawn: this runs several times a second). */
async function parentsFromProc(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        try {
          const stat = await readFile(`/proc/${name}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          parents.set(Number(name), ppid);
        } catch {
          // exited meanwhile
        }
      }),
  );
  return parents;
}

/** Children of one process from /proc/<pid>/task/<tid>/children; null when the kernel lacks the file. */
async function childrenOf(pid: number): Promise<number[] | null> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => null);
  if (!tasks) return [];
  const lists = await Promise.all(tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' && tasks.length > 0 ? null : ''))));
  if (lists.every((l) => l === null)) return null;
  return lists.flatMap((l) => (l ?? '').split(' ').filter(Boolean).map(Number));
}

/** Walks only our own tree (a few small reads), instead of every process on the machine. */
async function descendantsFromChildrenFiles(pid: number): Promise<number[] | null> {
  const found: number[] = [];
  const first = await childrenOf(pid);
  if (first === null) return null;
  const queue = [...first];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    found.push(next);
    queue.push(...((await childrenOf(next)) ?? []));
  }
  return found;
}

/** Every descendant of `pid` (not `pid` itself); empty when it has none or is gone. */
export async function descendantsOf(pid: number): Promise<number[]> {
  if (process.platform !== 'linux') {
    try {
      const { default: pidtree } = await import('pidtree');
      return await pidtree(pid);
    } catch {
      return [];
    }
  }
  const fromChildrenFiles = await descendantsFromChildrenFiles(pid);
  if (fromChildrenFiles) return fromChildrenFiles;
  const parents = await parentsFromProc();
  const children = new Map<number, number[]>();
  for (const [child, parent] of parents) children.set(parent, [...(children.get(parent) ?? []), child]);
  const found: number[] = [];
  const queue = [...(children.get(pid) ?? [])];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

/** True while the process runs; a zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone: that is the goal.
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilGone(pids: readonly number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (pids.every((p) => !isAlive(p))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

/**
 * Stops a whole process tree within about two seconds: SIGINT to the group (the polite Ctrl-C that
 * cargo and maturin clean up after), then SIGTERM, then SIGKILL to every process still alive,
 * including descendants that moved to groups of their own. `taskkill /T /F` on Windows.
 */
export async function killTree(rootPid: number, graceMs = 1000): Promise<void> {
  if (process.platform === 'win32') {
    const { execFile } = await import('node:child_process');
    await new Promise<void>((resolve) => execFile('taskkill', ['/PID', String(rootPid), '/T', '/F'], () => resolve()));
    return;
  }
  const tree = [rootPid, ...(await descendantsOf(rootPid))];
  signal(-rootPid, 'SIGINT');
  for (const pid of tree) signal(pid, 'SIGINT');
  if (await waitUntilGone(tree, graceMs)) return;

  const remaining = [...new Set([...tree, ...(await descendantsOf(rootPid))])].filter(isAlive);
  signal(-rootPid, 'SIGTERM');
  for (const pid of remaining) signal(pid, 'SIGTERM');
  if (await waitUntilGone(remaining, 500)) return;

  const stubborn = [...new Set([...remaining, ...(await descendantsOf(rootPid))])].filter(isAlive);
  signal(-rootPid, 'SIGKILL');
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  await waitUntilGone(stubborn, 400);
}
