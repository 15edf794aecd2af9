import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlowControl } from '../../../src-main/core/jobs/flow-control';

afterEach(() => vi.useRealTimers());

function setup(stallTimeoutMs = 5000) {
  const calls: string[] = [];
  const flow = new FlowControl(() => calls.push('pause'), () => calls.push('resume'), {
    highWatermarkChars: 1000,
    lowWatermarkChars: 200,
    stallTimeoutMs,
  });
  return { flow, calls };
}

describe('FlowControl (acknowledgement-based)', () => {
  it('never throttles a listener that does not acknowledge (a script reading NDJSON)', () => {
    const { flow, calls } = setup();
    flow.sent(1_000_000);
    expect(calls).toEqual([]);
  });

  it('pauses above the high watermark once acks flow, and resumes below the low one', () => {
    const { flow, calls } = setup();
    flow.acked(0);
    flow.sent(600);
    flow.sent(600);
    expect(calls).toEqual(['pause']);
    expect(flow.isPaused).toBe(true);
    flow.sent(5000);
    expect(calls).toEqual(['pause']);
    flow.acked(5900);
    expect(calls).toEqual(['pause']);
    flow.acked(200);
    expect(calls).toEqual(['pause', 'resume']);
    expect(flow.isPaused).toBe(false);
  });

  it('resumes by itself when the listener stops acknowledging (a closed tab cannot freeze a build)', () => {
    vi.useFakeTimers();
    const { flow, calls } = setup(5000);
    flow.acked(0);
    flow.sent(2000);
    expect(calls).toEqual(['pause']);
    vi.advanceTimersByTime(4999);
    expect(calls).toEqual(['pause']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['pause', 'resume']);
  });
});

describe('FlowControl with several listeners (two tabs on one build)', () => {
  it('waits for the slowest listener, not the sum or the fastest', () => {
    const { flow, calls } = setup();
    flow.acked(0, 'tab-a');
    flow.acked(0, 'tab-b');
    flow.sent(800);
    flow.acked(800, 'tab-a');
    flow.sent(800);
    expect(calls).toEqual(['pause']);
    flow.acked(1600, 'tab-a');
    expect(calls).toEqual(['pause']);
    flow.acked(1500, 'tab-b');
    expect(calls).toEqual(['pause', 'resume']);
  });
});
