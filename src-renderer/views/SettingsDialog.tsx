import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Modal } from '../components/Modal';
import { closeSettings, saveBuildSettings, useBuildSettingsStore } from '../store/build-settings';
import { useSettingsStore } from '../store/settings';
import { defaultProfileChoice, EMPTY_FORM, formFromSettings, type FieldErrors, type SettingsField, type SettingsForm } from '../util/settings-form';

const COMPATIBILITY_SUGGESTIONS = ['manylinux2014', 'manylinux_2_17', 'manylinux_2_28', 'manylinux_2_34', 'musllinux_1_2', 'pypi', 'off'];

interface FieldProps {
  readonly name: SettingsField;
  readonly label: string;
  readonly hint: ReactNode;
  readonly error: string | undefined;
  readonly children: (ids: { id: string; describedBy: string; invalid: boolean }) => ReactNode;
}

function Field({ name, label, hint, error, children }: FieldProps) {
  const id = `setting-${name}`;
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
  return (
    <div className={`field ${error ? 'invalid' : ''}`} data-testid={`field-${name}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy, invalid: error !== undefined })}
      <div className="field-hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert" data-testid="field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

function SettingsFormView() {
  const saved = useBuildSettingsStore((s) => s.saved);
  const loadError = useBuildSettingsStore((s) => s.loadError);
  const saving = useBuildSettingsStore((s) => s.saving);
  const defaultChoice = defaultProfileChoice(useSettingsStore((s) => s.appInfo?.defaultProfile));
  const [form, setForm] = useState<SettingsForm>(() => (saved ? formFromSettings(saved) : EMPTY_FORM));
  const [touched, setTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);

  // The dialog reloads the saved settings when it opens: take them unless the user already typed.
  useEffect(() => {
    if (saved && !touched) setForm(formFromSettings(saved));
  }, [saved, touched]);

  const set = <K extends SettingsField>(key: K, value: SettingsForm[K]): void => {
    setTouched(true);
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };

  const onSubmit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setGeneral(null);
    const outcome = await saveBuildSettings(form);
    if (outcome.ok) {
      closeSettings();
      return;
    }
    // Unsendable input leaves the contract's earlier verdicts on the other (unchanged) fields standing.
    setErrors((before) => (outcome.checked ? outcome.fields : { ...before, ...outcome.fields }));
    if (outcome.checked) setGeneral(outcome.general);
    // Take the user to the first field that needs fixing.
    const first = Object.keys(outcome.fields)[0];
    if (first) document.getElementById(`setting-${first}`)?.focus();
  };

  const text = (name: 'jobs' | 'memoryBudget' | 'compatibility' | 'interpreters' | 'features', placeholder: string, list?: string) =>
    function TextInput({ id, describedBy, invalid }: { id: string; describedBy: string; invalid: boolean }) {
      return (
        <input
          id={id}
          type="text"
          value={form[name]}
          placeholder={placeholder}
          onChange={(e) => set(name, e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          spellCheck={false}
          autoComplete="off"
          list={list}
        />
      );
    };

  const select = <K extends 'profile' | 'lto' | 'debuginfo' | 'strip'>(name: K, options: readonly (readonly [SettingsForm[K], string])[]) =>
    function SelectInput({ id, describedBy, invalid }: { id: string; describedBy: string; invalid: boolean }) {
      return (
        <select id={id} value={form[name]} onChange={(e) => set(name, e.target.value as SettingsForm[K])} aria-describedby={describedBy} aria-invalid={invalid}>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      );
    };

  return (
    <form className="settings-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby="settings-intro">
      <p className="muted settings-intro" id="settings-intro">
        Saved for every build, from this window, other windows and the CLI. Leave a field empty for Wheelbench’s default.
      </p>
      {loadError ? (
        <div className="form-error" role="alert">
          Could not read the saved settings: {loadError}
        </div>
      ) : null}
      <div className="settings-grid">
        <Field name="profile" label="Profile" error={errors.profile} hint={`${defaultChoice.why ? `${defaultChoice.why} ` : ''}low-memory: no LTO, no debuginfo; its first build measures each compile, later ones run compiles side by side only while they fit.`}>
          {select('profile', [
            ['', defaultChoice.label],
            ['release', 'release'],
            ['dev', 'dev'],
            ['low-memory', 'low-memory'],
          ])}
        </Field>
        <Field name="jobs" label="Jobs" error={errors.jobs} hint="Parallel cargo jobs. Empty: cargo decides (low-memory: the budget, then the measured compiles). A number here turns low-memory's compile gate off.">
          {text('jobs', 'auto')}
        </Field>
        <Field name="memoryBudget" label="Memory budget" error={errors.memoryBudget} hint="What a whole build may use, e.g. 2G or 1536M. Empty: ¾ of the memory available.">
          {text('memoryBudget', 'auto, e.g. 2G')}
        </Field>
        <Field name="lto" label="LTO" error={errors.lto} hint="Link-time optimisation for release builds.">
          {select('lto', [
            ['default', 'default (the crate’s)'],
            ['off', 'off'],
            ['thin', 'thin'],
            ['fat', 'fat'],
          ])}
        </Field>
        <Field name="debuginfo" label="Debug info" error={errors.debuginfo} hint="0 is none, 2 is full.">
          {select('debuginfo', [
            ['', 'default (the crate’s)'],
            ['0', '0 — none'],
            ['1', '1 — line tables'],
            ['2', '2 — full'],
          ])}
        </Field>
        <Field name="strip" label="Strip" error={errors.strip} hint="Strip symbols from the extension module.">
          {select('strip', [
            ['', 'default (the crate’s)'],
            ['yes', 'strip symbols'],
            ['no', 'keep symbols'],
          ])}
        </Field>
        <Field name="compatibility" label="Linux compatibility" error={errors.compatibility} hint="manylinux2014, musllinux_1_2, off… Empty: manylinux2014 for cross targets, auto for host.">
          {text('compatibility', 'default', 'compatibility-suggestions')}
        </Field>
        <Field name="interpreters" label="Python interpreters" error={errors.interpreters} hint="Comma-separated, e.g. python3.11, python3.12. Empty: maturin finds them (abi3 needs one).">
          {text('interpreters', 'auto')}
        </Field>
        <Field name="features" label="Cargo features" error={errors.features} hint="Comma- or space-separated.">
          {text('features', 'none')}
        </Field>
      </div>
      <datalist id="compatibility-suggestions">
        {COMPATIBILITY_SUGGESTIONS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {general ? (
        <div className="form-error" role="alert" data-testid="settings-error">
          {general}
        </div>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <div className="form-error" role="status" data-testid="settings-invalid">
          Not saved: fix the {Object.keys(errors).length === 1 ? 'field' : 'fields'} marked above.
        </div>
      ) : null}
      <div className="form-footer">
        <button
          type="button"
          className="ghost"
          onClick={() => {
            setTouched(true);
            setForm(EMPTY_FORM);
            setErrors({});
          }}
          data-testid="settings-reset"
        >
          Reset to defaults
        </button>
        <span className="spacer" />
        <button type="button" onClick={closeSettings}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={saving} data-testid="settings-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

export function SettingsDialog() {
  const open = useBuildSettingsStore((s) => s.dialogOpen);
  return open ? (
    <Modal onClose={closeSettings} title="Build settings" testId="settings-dialog" className="settings-dialog">
      <SettingsFormView />
    </Modal>
  ) : null;
}
