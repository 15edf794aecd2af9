import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { WheelReport } from '../../common/wheel-report';

const MAX_REPORTS = 200;

/**
 * Inspection reports by file: a wheel whose path, size and modification time are unchanged is not
 * read (or audited) again. Concurrent requests for the same file share one inspection.
 */
export class ReportCache {
  private readonly reports = new Map<string, Promise<WheelReport>>();

  constructor(private readonly inspect: (path: string) => Promise<WheelReport>) {}

  async get(path: string): Promise<WheelReport> {
    const absolute = resolve(path);
    const info = await stat(absolute).catch(() => null);
    if (!info) return this.inspect(absolute);
    const key = `${absolute}\0${info.size}\0${info.mtimeMs}`;
    const known = this.reports.get(key);
    if (known) return known;
    const pending = this.inspect(absolute);
    this.reports.set(key, pending);
    pending.catch(() => this.reports.delete(key));
    if (this.reports.size > MAX_REPORTS) this.reports.delete(this.reports.keys().next().value as string);
    return pending;
  }

  /** A report made elsewhere (the build job's) for a file as it is now. */
  async remember(report: WheelReport): Promise<void> {
    const info = await stat(report.path).catch(() => null);
    if (info) this.reports.set(`${report.path}\0${info.size}\0${info.mtimeMs}`, Promise.resolve(report));
  }
}
