import { describe, expect, it } from 'vitest';
import { SlotWaitAborted, Slots } from '../../../src-main/core/jobs/slots';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Slots', () => {
  it('lets `limit` holders in at once and the rest in the order they asked', async () => {
    const slots = new Slots(1);
    const order: string[] = [];
    const first = await slots.acquire();
    expect(slots.full).toBe(true);
    const second = slots.acquire().then((release) => (order.push('second'), release));
    const third = slots.acquire().then((release) => (order.push('third'), release));
    await tick();
    expect(order).toEqual([]);
    first();
    const releaseSecond = await second;
    // A newcomer asking now waits behind the third: the slot went straight to the second.
    const late = slots.acquire().then((release) => (order.push('late'), release));
    releaseSecond();
    (await third)();
    (await late)();
    expect(order).toEqual(['second', 'third', 'late']);
    expect(slots.full).toBe(false);
  });

  it('a release called twice frees one slot only', async () => {
    const slots = new Slots(2);
    const a = await slots.acquire();
    await slots.acquire();
    a();
    a();
    expect(slots.full).toBe(false);
    await slots.acquire();
    expect(slots.full).toBe(true);
  });

  it('a waiter that is cancelled leaves the queue and is told so', async () => {
    const slots = new Slots(1);
    const held = await slots.acquire();
    const abort = new AbortController();
    const cancelled = slots.acquire(abort.signal);
    const next = slots.acquire();
    abort.abort();
    await expect(cancelled).rejects.toBeInstanceOf(SlotWaitAborted);
    held();
    await expect(next).resolves.toBeTypeOf('function');
  });
});
