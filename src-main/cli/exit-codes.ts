import type { BuildResult, DoctorReport, ProjectSummary } from '../common/domain';

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

export function buildExitCode(result: Pick<BuildResult, 'targets'>): number {
  if (result.targets.some((t) => t.status === 'cancelled')) return EXIT.cancelled;
  if (result.targets.length === 0 || result.targets.some((t) => t.status !== 'ok')) return EXIT.failed;
  return EXIT.ok;
}

export function doctorExitCode(report: Pick<DoctorReport, 'checks'>): number {
  return report.checks.some((c) => c.status === 'error') ? EXIT.failed : EXIT.ok;
}

export function projectExitCode(project: Pick<ProjectSummary, 'problems'>): number {
  return project.problems.some((p) => p.severity === 'error') ? EXIT.failed : EXIT.ok;
}
