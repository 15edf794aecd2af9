import { useEffect, useRef } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { attachTerminal, type TerminalChannel } from '../store/terminal-sink';

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

interface TerminalProps {
  readonly placeholder?: string | null;
  /** Which jobs it shows: builds and installs, or the doctor's fixes. */
  readonly channel?: TerminalChannel;
  readonly label?: string;
  readonly testId?: string;
}

/**
 * A job terminal: xterm.js, fitted to its box (ResizeObserver → fit). Read-only: the jobs run in the
 * core's pseudo-terminal; this only renders their output and acknowledges it once written.
 */
export function Terminal({ placeholder, channel = 'build', label = 'Build output', testId = 'terminal' }: TerminalProps) {
  const hostRef = useRef<HTMLDivElement>(null);

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

    const detach = attachTerminal(
      {
        write: (data, done) => term.write(data, done),
        clear: () => term.clear(),
      },
      channel,
    );

    return () => {
      detach();
      observer.disconnect();
      cancelAnimationFrame(frame);
      term.dispose();
    };
  }, [channel]);

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
