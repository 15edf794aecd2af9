import { describe, expect, it } from 'vitest';
import { collapseRedraws } from '../../../src-renderer/util/terminal-text';

describe('collapseRedraws', () => {
  it('keeps the last state of each redrawn line', () => {
    const log = '$ maturin build\r\n   Building [>   ] 1/28\r\x1b[K   Building [=>  ] 2/28\r\x1b[K   Compiling quote v1.0.47\r\nplain\nlast';
    expect(collapseRedraws(log)).toBe('$ maturin build\r\n\x1b[K   Compiling quote v1.0.47\r\nplain\r\nlast');
  });

  it('leaves text without carriage returns alone (line ends become CRLF)', () => {
    expect(collapseRedraws('a\r\n\r\nb\r\n')).toBe('a\r\n\r\nb\r\n');
  });
});
