/**
 * At most `limit` holders at a time; the others wait in the order they asked. A slot is handed straight
 * to the next waiter on release, so a newcomer can never slip in between.
 */
export class Slots {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Whether asking now would wait. */
  get full(): boolean {
    return this.held >= this.limit;
  }

  /** Resolves with the release function once a slot is free; rejects if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new SlotWaitAborted());
    if (this.held < this.limit) {
      this.held++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', giveUp);
        resolve(this.releaser());
      };
      const giveUp = () => {
        const index = this.waiting.indexOf(turn);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new SlotWaitAborted());
      };
      this.waiting.push(turn);
      signal?.addEventListener('abort', giveUp, { once: true });
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held--;
    };
  }
}

export class SlotWaitAborted extends Error {
  constructor() {
    super('cancelled while waiting for its turn');
    this.name = 'SlotWaitAborted';
  }
}
