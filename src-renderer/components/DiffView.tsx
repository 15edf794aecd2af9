/** A unified diff with added, removed and hunk lines coloured; headers from the core are dropped. */
export function DiffView({ diff, testId }: { readonly diff: string; readonly testId?: string }) {
  const lines = diff.replace(/\n$/, '').split('\n').filter((l) => !/^={3,}$/.test(l));
  return (
    <pre className="diff" data-testid={testId}>
      {lines.map((raw, i) => {
        const line = raw.replace(/\r$/, '');
        const kind = line.startsWith('+++') || line.startsWith('---') ? 'header' : line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('\\') ? 'note' : 'ctx';
        return (
          <span key={i} className={`diff-line diff-${kind}`}>
            {line || ' '}
            {raw.endsWith('\r') && (kind === 'add' || kind === 'del') ? <span className="diff-eol">CRLF</span> : null}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
