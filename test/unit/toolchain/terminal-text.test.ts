import { describe, expect, it } from 'vitest';
import { OutputTail, plainText } from '../../../src-main/core/toolchain/terminal-text';

describe('plainText', () => {
  it('drops colour codes and keeps the last overwrite of a progress line', () => {
    const raw = '\x1b[1mCollecting maturin\x1b[0m\r\n  10%\r  55%\r 100% done\r\nSuccessfully installed \x1b[32mmaturin-1.16.0\x1b[0m\r\n';
    expect(plainText(raw)).toBe('Collecting maturin\n 100% done\nSuccessfully installed maturin-1.16.0\n');
  });

  it('drops OSC sequences such as window titles', () => {
    expect(plainText('\x1b]0;pip\x07hello')).toBe('hello');
  });
});

describe('OutputTail', () => {
  it('keeps only the last characters and survives split UTF-8', () => {
    const tail = new OutputTail(10);
    const bytes = Buffer.from('0123456789abcdé', 'utf8');
    tail.push(bytes.subarray(0, bytes.length - 1));
    tail.push(bytes.subarray(bytes.length - 1));
    expect(tail.toString()).toBe('456789abcdé'.slice(-10));
  });
});
