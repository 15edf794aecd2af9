import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputBatcher } from '../../../src-main/core/build/output-batcher';

afterEach(() => vi.useRealTimers());

describe('OutputBatcher', () => {
  it('holds back a UTF-8 character split across chunks until it is whole', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const batcher = new OutputBatcher((t) => out.push(t));
    const bytes = Buffer.from('Compiling 🦀 crab — done', 'utf8');
    const crab = bytes.indexOf(Buffer.from('🦀'));
    batcher.push(bytes.subarray(0, crab + 1));
    batcher.push(bytes.subarray(crab + 1, crab + 3));
    batcher.push(bytes.subarray(crab + 3));
    vi.advanceTimersByTime(20);
    expect(out.join('')).toBe('Compiling 🦀 crab — done');
    expect(out.join('')).not.toContain('\uFFFD');
  });

  it('batches many small chunks into one message per interval', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const batcher = new OutputBatcher((t) => out.push(t), { intervalMs: 16 });
    for (let i = 0; i < 1000; i++) batcher.push(Buffer.from(`line ${i}\n`));
    expect(out).toHaveLength(0);
    vi.advanceTimersByTime(16);
    expect(out).toHaveLength(1);
    expect(out[0]?.split('\n')).toHaveLength(1001);
  });

  it('sends a flood in bounded batches at once, without waiting, and loses nothing', () => {
    vi.useFakeTimers();
    const out: string[] = [];
    const batcher = new OutputBatcher((t) => out.push(t), { maxBatchBytes: 200 * 1024 });
    const chunk = Buffer.from('x'.repeat(4096));
    const total = 10 * 1024 * 1024;
    for (let sent = 0; sent < total; sent += chunk.length) batcher.push(chunk);
    batcher.end();
    expect(out.join('').length).toBe(total);
    expect(out.length).toBeGreaterThanOrEqual(total / (204 * 1024));
    expect(Math.max(...out.map((t) => t.length))).toBeLessThanOrEqual(200 * 1024 + 4096);
  });

  it('flushes an incomplete trailing character as U+FFFD at the end', () => {
    const out: string[] = [];
    const batcher = new OutputBatcher((t) => out.push(t));
    batcher.push(Buffer.from([0x61, 0xe2, 0x82]));
    batcher.end();
    expect(out.join('')).toBe('a\uFFFD');
  });
});
