import { StringDecoder } from 'node:string_decoder';

// CSI/OSC escape sequences and carriage-return overwrites, as a pty delivers them.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Terminal output without its escape sequences (colours, cursor moves); carriage returns kept. */
export function stripAnsi(terminalOutput: string): string {
  return terminalOutput.replace(ANSI, '');
}

/** Terminal output as plain lines of text, for matching messages in it. */
export function plainText(terminalOutput: string): string {
  return stripAnsi(terminalOutput)
    .split('\n')
    .map((line) => line.split('\r').filter(Boolean).pop() ?? '')
    .join('\n');
}

/** Keeps the last `limit` characters of a stream of output. */
export class OutputTail {
  private text = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly limit = 64 * 1024) {}

  push(bytes: Buffer): void {
    this.text = (this.text + this.decoder.write(bytes)).slice(-this.limit);
  }

  toString(): string {
    return plainText(this.text);
  }
}
