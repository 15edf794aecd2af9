// Keeps the compilers of a build, together, under a memory ceiling by holding back the ones that would not
// fit. cargo starts a compile whenever it has a job token and cannot know what that crate will cost; the
// low-memory profile can, from the memory each crate took on an earlier build. Every compile first stops
// at a gate (a tiny shell script set as RUSTC_WRAPPER, see compile-gate.ts), before rustc has taken any
// memory; the governor continues it when its expected peak fits beside the compiles running — or when
// nothing else runs, so the build never stalls.

/** A compiler process in the build tree right now. */
export interface LiveCompile {
  readonly pid: number;
  /** The crate and its package (compileKey), to look up what it took before. */
  readonly key: string;
  readonly rssBytes: number;
  /** On its way to the gate (the gate's shell, not stopped yet), stopped at it, or past it. */
  readonly phase: 'arriving' | 'at-gate' | 'running';
}

/** The gate's file name (compile-gate.ts writes it); the kernel names a script's process by its first 15 characters. */
export const COMPILE_GATE_NAME = 'wheelbench-compile-gate';
export const COMPILE_GATE_COMM = COMPILE_GATE_NAME.slice(0, 15);

/** What a governor did over a run. */
export interface GovernedCompiles {
  /** Compiles that waited at the gate because they did not fit. */
  readonly heldBack: number;
  readonly waitedMs: number;
  readonly ceilingBytes: number;
}

export class CompileGovernor {
  private readonly expected: ReadonlyMap<string, number>;
  private readonly admitted = new Set<number>();
  /** Compiles at the gate, in the order they arrived, with when. */
  private readonly waiting = new Map<number, number>();
  private heldBackSoFar = 0;
  private waitedMs = 0;

  /**
   * @param ceilingBytes what the compiles may hold together (the biggest single compile measured before).
   * @param expectedPeaks each compile's peak on an earlier build; a compile not measured before is assumed to need the whole ceiling.
   */
  constructor(readonly ceilingBytes: number, expectedPeaks: Readonly<Record<string, number>>) {
    this.expected = new Map(Object.entries(expectedPeaks));
  }

  /** The compiles to let through the gate now, given the compiles alive. */
  step(compiles: readonly LiveCompile[], nowMs: number): readonly number[] {
    const alive = new Map(compiles.map((c) => [c.pid, c]));
    for (const pid of this.admitted) if (!alive.has(pid)) this.admitted.delete(pid);
    for (const [pid, since] of this.waiting) {
      if (!alive.has(pid)) this.endWait(pid, since, nowMs);
    }
    // One let through may still show as the gate's shell for a sample: it counts as running. One arriving
    // at the gate counts as nothing yet: it stops there by itself.
    const running = compiles.filter((c) => c.phase === 'running' || this.admitted.has(c.pid));
    for (const c of compiles) if (c.phase === 'at-gate' && !this.admitted.has(c.pid) && !this.waiting.has(c.pid)) this.waiting.set(c.pid, nowMs);

    const through: number[] = [];
    for (const [pid, since] of this.waiting) {
      const next = alive.get(pid) as LiveCompile;
      if (running.length > 0 && this.load(running) + this.need(next) > this.ceilingBytes) break;
      this.endWait(pid, since, nowMs);
      this.admitted.add(pid);
      through.push(pid);
      running.push(next);
    }
    for (const since of this.waiting.values()) if (since === nowMs) this.heldBackSoFar++;
    return through;
  }

  /** The compiles waiting at the gate, in the order they arrived. */
  get atGate(): readonly number[] {
    return [...this.waiting.keys()];
  }

  /** How many compiles were held back, and how long compiles waited in all. */
  summary(nowMs: number): GovernedCompiles {
    const stillWaiting = [...this.waiting.values()].reduce((sum, since) => sum + (nowMs - since), 0);
    return { heldBack: this.heldBackSoFar, waitedMs: this.waitedMs + stillWaiting, ceilingBytes: this.ceilingBytes };
  }

  private need(compile: LiveCompile): number {
    return Math.max(compile.rssBytes, this.expected.get(compile.key) ?? this.ceilingBytes);
  }

  private load(running: readonly LiveCompile[]): number {
    return running.reduce((sum, c) => sum + this.need(c), 0);
  }

  private endWait(pid: number, since: number, nowMs: number): void {
    this.waitedMs += nowMs - since;
    this.waiting.delete(pid);
  }
}

/** The biggest compile among earlier measurements: the governor's ceiling. */
export function largestCompile(peaks: Readonly<Record<string, number>>): { readonly key: string; readonly bytes: number } | null {
  let best: { key: string; bytes: number } | null = null;
  for (const [key, bytes] of Object.entries(peaks)) if (bytes > (best?.bytes ?? 0)) best = { key, bytes };
  return best;
}
