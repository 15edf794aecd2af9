/**
 * A pseudo-terminal log as a terminal would finally show it, line by line: what a carriage return
 * redrew (cargo's progress bar, download percentages) keeps only its last state. Rendered at another
 * width than it was written for, each redraw would otherwise leave a wrapped line behind.
 */
export function collapseRedraws(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line;
      const last = body.lastIndexOf('\r');
      return last < 0 ? body : body.slice(last + 1);
    })
    .join('\r\n');
}
