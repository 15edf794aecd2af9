import { useEffect, useRef } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { attachTerminal } from '../store/terminal-sink';

const THEME = {
  background: '#1a1a1a',
  foreground: '#d4d4d4',
  cursor: '#1a1a1a',
  cursorAccent: '#1a1a1a',
  selectionBackground: '#264f78',
  black: '#1e1e1e',
  red: '#f14c4c',
  green: '#23d18b',
  yellow: '#e5c07b',
  blue: '#3b8eea',
  magenta: '#d670d6',
  cyan: '#29b8db',
  white: '#d4d4d4',
  brightBlack: '#808080',
  brightRed: '#f14c4c',
  brightGreen: '#23d18b',
  brightYellow: '#f5f543',
  brightBlue: '#3b8eea',
  brightMagenta: '#d670d6',
  brightCyan: '#29b8db',
  brightWhite: '#e5e5e5',
};

interface XTermProps {
  /** Called once the terminal is open; returns its own cleanup. */
  readonly onReady: (term: XTerm) => () => void;
  readonly testId: string;
  readonly label: string;
  readonly placeholder?: string | null;
}

/**
 * xterm.js, fitted to its box (ResizeObserver → fit). Read-only: jobs run in the core's
 * pseudo-terminal; this only renders text.
 */
export function XTermView({ onReady, testId, label, placeholder }: XTermProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const readyRef = useRef(onReady);
  readyRef.current = onReady;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new XTerm({
      disableStdin: true,
      convertEol: false,
      cursorBlink: false,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      scrollback: 10_000,
      fontFamily: "'JetBrains Mono', 'Cascadia Mono', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace",
      fontSize: 13,
      lineHeight: 1.15,
      theme: THEME,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);

    const doFit = (): void => {
      if (host.clientWidth === 0 || host.clientHeight === 0) return;
      try {
        fit.fit();
      } catch {
        // Not laid out yet; the next resize fits.
      }
    };
    doFit();
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(doFit);
    });
    observer.observe(host);
    const cleanup = readyRef.current(term);

    return () => {
      cleanup();
      observer.disconnect();
      cancelAnimationFrame(frame);
      term.dispose();
    };
  }, []);

  return (
    <div className="terminal-frame">
      <div className="terminal-host" ref={hostRef} data-testid={testId} role="log" aria-label={label} />
      {placeholder ? (
        <div className="terminal-placeholder" aria-hidden="true">
          {placeholder}
        </div>
      ) : null}
    </div>
  );
}

const attachBuildTerminal = (term: XTerm) =>
  attachTerminal({
    write: (data, done) => term.write(data, done),
    clear: () => term.clear(),
    reset: () => term.reset(),
  });

/** The build terminal: the jobs' output as the terminal sink routes it, acknowledged once written. */
export function Terminal({ placeholder, label = 'Build output' }: { readonly placeholder?: string | null; readonly label?: string }) {
  return <XTermView onReady={attachBuildTerminal} testId="terminal" label={label} placeholder={placeholder} />;
}
