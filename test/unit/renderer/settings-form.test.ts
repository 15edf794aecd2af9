import { describe, expect, it } from 'vitest';
import type { BuildSettings } from '../../../src-main/common/domain';
import { formatByteSize, parseByteSize } from '../../../src-main/common/format-bytes';
import { EMPTY_FORM, defaultProfileChoice, describeSettings, fieldErrorsFrom, formFromSettings, settingsFromForm } from '../../../src-renderer/util/settings-form';

describe('sizes', () => {
  it('parses what the CLI parses and writes sizes back exactly', () => {
    expect(parseByteSize('2G')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('1536m')).toBe(1536 * 1024 ** 2);
    expect(parseByteSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('lots')).toBeNull();
    expect(formatByteSize(2 * 1024 ** 3)).toBe('2G');
    expect(formatByteSize(1536 * 1024 ** 2)).toBe('1536M');
    expect(formatByteSize(1000)).toBe('1000');
  });
});

describe('the settings form', () => {
  it('turns the form into settings, empty meaning default', () => {
    expect(settingsFromForm(EMPTY_FORM)).toEqual({ settings: {}, errors: {} });
    const form = { ...EMPTY_FORM, profile: 'low-memory', jobs: ' 2 ', memoryBudget: '2G', lto: 'thin', debuginfo: '0', strip: 'yes', compatibility: ' musllinux_1_2 ', interpreters: 'python3.11, /opt/py 3/bin/python', features: 'serde, simd  extra' } as const;
    const settings: BuildSettings = { profile: 'low-memory', jobs: 2, memoryBudgetBytes: 2 * 1024 ** 3, lto: 'thin', debuginfo: 0, strip: true, compatibility: 'musllinux_1_2', interpreters: ['python3.11', '/opt/py 3/bin/python'], features: ['serde', 'simd', 'extra'] };
    expect(settingsFromForm(form)).toEqual({ settings, errors: {} });
    expect(settingsFromForm(formFromSettings(settings)).settings).toEqual(settings);
    expect(describeSettings(settings)).toBe('low-memory · 2 jobs · budget 2G · LTO thin · debuginfo 0 · stripped · musllinux_1_2 · python3.11 /opt/py 3/bin/python · features serde,simd,extra');
  });

  it('names the profile builds get when none is chosen, and why when it is not release', () => {
    const codespaces = { profile: 'low-memory', because: 'GitHub Codespaces' } as const;
    expect(describeSettings({}, { profile: 'release', because: null })).toBe('release (default)');
    expect(describeSettings({ jobs: 2 }, codespaces)).toBe('low-memory (GitHub Codespaces default) · 2 jobs');
    expect(describeSettings({ profile: 'dev' }, codespaces)).toBe('dev');
    expect(defaultProfileChoice(codespaces)).toEqual({ label: 'default (low-memory)', why: 'In GitHub Codespaces builds default to low-memory.' });
    expect(defaultProfileChoice({ profile: 'release', because: null })).toEqual({ label: 'default (release)', why: null });
  });

  it('refuses only what cannot be sent', () => {
    const { errors } = settingsFromForm({ ...EMPTY_FORM, jobs: 'four', memoryBudget: 'lots' });
    expect(Object.keys(errors).sort()).toEqual(['jobs', 'memoryBudget']);
    expect(settingsFromForm({ ...EMPTY_FORM, jobs: '0' })).toEqual({ settings: { jobs: 0 }, errors: {} });
  });

  it('puts the contract’s validation errors under their fields', () => {
    const form = { ...EMPTY_FORM, jobs: '0', features: 'serde, bad!', memoryBudget: '1M' };
    const { fields, general } = fieldErrorsFrom(
      {
        code: 'invalid-arguments',
        message: 'Bad arguments for saveSettings: settings.jobs: Too small: expected number to be >=1; settings.features.1: is not a cargo feature; settings.memoryBudgetBytes: Too small: expected number to be >=67108864; settings: something else.',
      },
      form,
    );
    expect(fields).toEqual({ jobs: 'Must be at least 1.', features: '"bad!" is not a cargo feature', memoryBudget: 'Must be at least 64M.' });
    expect(general).toBe('settings: something else');
  });

  it('leaves other errors general', () => {
    expect(fieldErrorsFrom({ code: 'internal', message: 'disk full' })).toEqual({ fields: {}, general: 'disk full' });
  });
});
