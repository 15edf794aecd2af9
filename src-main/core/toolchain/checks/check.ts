import type { CheckStatus, DoctorCheck, Fix } from '../../../common/domain';

export interface CheckHeader {
  readonly id: string;
  readonly title: string;
}

export function passed(header: CheckHeader, detail: string): DoctorCheck {
  return { ...header, status: 'ok', detail };
}

/** Anything short of ok carries a fix, so every problem ends in something the user can do. */
export function failed(header: CheckHeader, status: Exclude<CheckStatus, 'ok'>, detail: string, fix: Fix): DoctorCheck {
  return { ...header, status, detail, fix };
}

export function lines(...parts: readonly (string | null | false | undefined)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n');
}
