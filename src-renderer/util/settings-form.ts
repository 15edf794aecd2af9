import type { ParamsOf } from '../../src-main/common/contract';
import type { AppInfo, BuildProfile, BuildSettings, LtoSetting } from '../../src-main/common/domain';
import { formatByteSize, parseByteSize } from '../../src-main/common/format-bytes';

// The Settings panel's form: what the inputs hold (strings, '' meaning "default"), how that becomes
// the contract's BuildSettings, and how the contract's validation errors map back onto the fields.

export interface SettingsForm {
  readonly profile: BuildProfile | '';
  readonly jobs: string;
  readonly memoryBudget: string;
  readonly lto: LtoSetting;
  readonly debuginfo: '' | '0' | '1' | '2';
  readonly strip: '' | 'yes' | 'no';
  readonly compatibility: string;
  readonly interpreters: string;
  readonly features: string;
}

export type SettingsField = keyof SettingsForm;
/** What saveSettings takes. */
export type SettingsInput = ParamsOf<'saveSettings'>['settings'];
export type FieldErrors = Partial<Record<SettingsField, string>>;

export const EMPTY_FORM: SettingsForm = {
  profile: '',
  jobs: '',
  memoryBudget: '',
  lto: 'default',
  debuginfo: '',
  strip: '',
  compatibility: '',
  interpreters: '',
  features: '',
};

export function formFromSettings(s: BuildSettings): SettingsForm {
  return {
    profile: s.profile ?? '',
    jobs: s.jobs === undefined ? '' : String(s.jobs),
    memoryBudget: s.memoryBudgetBytes === undefined ? '' : formatByteSize(s.memoryBudgetBytes),
    lto: s.lto ?? 'default',
    debuginfo: s.debuginfo === undefined ? '' : (String(s.debuginfo) as SettingsForm['debuginfo']),
    strip: s.strip === undefined ? '' : s.strip ? 'yes' : 'no',
    compatibility: s.compatibility ?? '',
    interpreters: (s.interpreters ?? []).join(', '),
    features: (s.features ?? []).join(', '),
  };
}

const list = (text: string, separator: RegExp): string[] =>
  text
    .split(separator)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The settings a form describes. Only what cannot even be sent (a non-number, a size that is not a
 * size) is checked here; ranges and formats are the contract's to judge (see fieldErrorsFrom).
 */
export function settingsFromForm(f: SettingsForm): { settings: SettingsInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const settings: SettingsInput = {};
  if (f.profile) settings.profile = f.profile;
  if (f.jobs.trim()) {
    const jobs = Number(f.jobs.trim());
    if (/^-?\d+$/.test(f.jobs.trim())) settings.jobs = jobs;
    else errors.jobs = 'Must be a whole number (or empty for automatic).';
  }
  if (f.memoryBudget.trim()) {
    const bytes = parseByteSize(f.memoryBudget);
    if (bytes === null) errors.memoryBudget = 'Must be a size such as 2G or 1536M (or empty for automatic).';
    else settings.memoryBudgetBytes = bytes;
  }
  if (f.lto !== 'default') settings.lto = f.lto;
  if (f.debuginfo) settings.debuginfo = Number(f.debuginfo) as 0 | 1 | 2;
  if (f.strip) settings.strip = f.strip === 'yes';
  if (f.compatibility.trim()) settings.compatibility = f.compatibility.trim();
  const interpreters = list(f.interpreters, /,/);
  if (interpreters.length) settings.interpreters = interpreters;
  const features = list(f.features, /[\s,]+/);
  if (features.length) settings.features = features;
  return { settings, errors };
}

const FIELD_OF: Readonly<Record<string, SettingsField>> = {
  profile: 'profile',
  jobs: 'jobs',
  memoryBudgetBytes: 'memoryBudget',
  lto: 'lto',
  debuginfo: 'debuginfo',
  strip: 'strip',
  compatibility: 'compatibility',
  interpreters: 'interpreters',
  features: 'features',
};

/** zod's range messages in words a person reads; sizes for the memory budget. */
function humanize(field: SettingsField, message: string): string {
  const bound = (n: string) => (field === 'memoryBudget' ? formatByteSize(Number(n)) : n);
  return message
    .replace(/^Too small: expected number to be >=(\d+)$/, (_m, n: string) => `Must be at least ${bound(n)}.`)
    .replace(/^Too big: expected number to be <=(\d+)$/, (_m, n: string) => `Must be at most ${bound(n)}.`)
    .replace(/^Too big: expected array to have <=(\d+) items$/, (_m, n: string) => `At most ${n} entries.`)
    .replace(/^Invalid input: expected int, received number$/, 'Must be a whole number.');
}

/**
 * The contract's validation error for saveSettings ("Bad arguments for saveSettings: settings.jobs:
 * Too small…; settings.features.1: is not a cargo feature.") split onto the form's fields. What names
 * no field stays general.
 */
export function fieldErrorsFrom(
  error: { readonly code: string; readonly message: string },
  form: SettingsForm = EMPTY_FORM,
): { fields: FieldErrors; general: string | null } {
  const fields: FieldErrors = {};
  if (error.code !== 'invalid-arguments') return { fields, general: error.message };
  const body = error.message.replace(/^Bad arguments for \w+: /, '').replace(/\.$/, '');
  const general: string[] = [];
  for (const issue of body.split('; ')) {
    const m = /^settings\.(\w+)(?:\.(\d+))?: (.*)$/.exec(issue);
    const field = m ? FIELD_OF[m[1] as string] : undefined;
    if (!m || !field) {
      general.push(issue);
      continue;
    }
    const index = m[2] === undefined ? null : Number(m[2]);
    const items = field === 'features' ? list(form.features, /[\s,]+/) : field === 'interpreters' ? list(form.interpreters, /,/) : [];
    const which = index !== null && items[index] !== undefined ? `"${items[index]}" ` : '';
    const text = `${which}${humanize(field, m[3] as string)}`;
    fields[field] = fields[field] ? `${fields[field]} ${text}` : text;
  }
  return { fields, general: general.length ? general.join('; ') : null };
}

/** The profile builds get when none is chosen, as the settings show it: "release (default)", "low-memory (GitHub Codespaces default)". */
export function describeDefaultProfile(fallback: AppInfo['defaultProfile']): string {
  if (!fallback) return 'default profile';
  return `${fallback.profile} (${fallback.because ? `${fallback.because} default` : 'default'})`;
}

/** The Profile field's empty choice, "default (low-memory)", and why the default is not release, for its hint. */
export function defaultProfileChoice(fallback: AppInfo['defaultProfile']): { readonly label: string; readonly why: string | null } {
  if (!fallback) return { label: 'default', why: null };
  return { label: `default (${fallback.profile})`, why: fallback.because ? `In ${fallback.because} builds default to ${fallback.profile}.` : null };
}

/** A one-line summary of the saved settings for the build panel ("low-memory · budget 2G · jobs 2"). */
export function describeSettings(s: BuildSettings, fallback?: AppInfo['defaultProfile']): string {
  const parts: string[] = [s.profile ?? describeDefaultProfile(fallback)];
  if (s.jobs !== undefined) parts.push(`${s.jobs} job${s.jobs === 1 ? '' : 's'}`);
  if (s.memoryBudgetBytes !== undefined) parts.push(`budget ${formatByteSize(s.memoryBudgetBytes)}`);
  if (s.lto && s.lto !== 'default') parts.push(`LTO ${s.lto}`);
  if (s.debuginfo !== undefined) parts.push(`debuginfo ${s.debuginfo}`);
  if (s.strip !== undefined) parts.push(s.strip ? 'stripped' : 'not stripped');
  if (s.compatibility) parts.push(s.compatibility);
  if (s.interpreters?.length) parts.push(s.interpreters.join(' '));
  if (s.features?.length) parts.push(`features ${s.features.join(',')}`);
  return parts.join(' · ');
}
