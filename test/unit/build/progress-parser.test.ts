import { describe, expect, it } from 'vitest';
import { CargoProgressParser } from '../../../src-main/core/build/progress-parser';

describe('CargoProgressParser', () => {
  it("reads cargo's TTY progress bar, with colours, split across chunks", () => {
    const parser = new CargoProgressParser();
    expect(parser.feed('\x1b[1m\x1b[36m    Building\x1b[0m [=====>     ] 6/1')).toBeNull();
    const update = parser.feed('2: pyo3-ffi(build), syn\r');
    expect(update).toEqual({ unitsDone: 6, unitsTotal: 12, percent: 50, current: 'pyo3-ffi(build)' });
  });

  it('follows Compiling lines for the current crate and completes at 100 %', () => {
    const parser = new CargoProgressParser();
    parser.feed('   Building [==>    ] 1/4: libc\r');
    expect(parser.feed('   Compiling hello-pyo3 v0.1.0 (/p)\n')?.current).toBe('hello-pyo3');
    expect(parser.complete()).toMatchObject({ percent: 100, unitsDone: 4, unitsTotal: 4 });
  });

  it('reports nothing for output without progress', () => {
    expect(new CargoProgressParser().feed('📦 Including license file\n')).toBeNull();
  });
});
