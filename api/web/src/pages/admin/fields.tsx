// Labelled inputs with help text and their problem, wired for screen readers (aria-invalid, -describedby).
import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { say } from './say.js';
import type { FormApi, Values } from './use-form.js';

interface Base<V extends Values> {
  form: FormApi<V>;
  /** Prefix of the element ids: unique per form on the page. */
  idp: string;
  name: keyof V & string;
  label: MessageKey;
  help?: MessageKey;
  required?: boolean;
}

function describe<V extends Values>(p: Base<V>) {
  const err = p.form.errors[p.name];
  const id = `${p.idp}-${p.name}`;
  return {
    id,
    name: p.name,
    'aria-invalid': err ? ('true' as const) : undefined,
    'aria-describedby': [p.help && `${id}-help`, err && `${id}-error`].filter(Boolean).join(' ') || undefined,
    'aria-required': p.required ? ('true' as const) : undefined,
  };
}

function Frame<V extends Values>(p: Base<V> & { children: ComponentChildren }) {
  const err = p.form.errors[p.name];
  const id = `${p.idp}-${p.name}`;
  return (
    <div class="ad-field">
      <label for={id}>
        {t(p.label)}
        {p.required ? <span class="ad-req">{t('admin.form.required')}</span> : <span class="ad-opt">{t('admin.form.optional')}</span>}
      </label>
      {p.help && (
        <p id={`${id}-help`} class="ad-help">
          {t(p.help)}
        </p>
      )}
      {p.children}
      {err && (
        <p id={`${id}-error`} class="error ad-error">
          {say(err)}
        </p>
      )}
    </div>
  );
}

export function TextField<V extends Values>(
  p: Base<V> & { type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'number'; autoComplete?: string; inputMode?: 'numeric' | 'email' | 'text'; lang?: string },
) {
  const value = p.form.values[p.name];
  return (
    <Frame {...p}>
      <input
        type={(p.type ?? 'text') as 'text'}
        autoComplete={p.autoComplete ?? 'off'}
        inputMode={p.inputMode}
        value={typeof value === 'string' ? value : ''}
        onInput={(e) => p.form.set(p.name, e.currentTarget.value as V[keyof V])}
        {...describe(p)}
      />
    </Frame>
  );
}

export function SelectField<V extends Values>(p: Base<V> & { options: Array<{ value: string; label: string }>; placeholder?: MessageKey }) {
  const value = p.form.values[p.name];
  return (
    <Frame {...p}>
      <select value={typeof value === 'string' ? value : ''} onChange={(e) => p.form.set(p.name, e.currentTarget.value as V[keyof V])} {...describe(p)}>
        <option value="">{t(p.placeholder ?? 'admin.form.choose')}</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function CheckField<V extends Values>(p: Omit<Base<V>, 'required'>) {
  const err = p.form.errors[p.name];
  const id = `${p.idp}-${p.name}`;
  return (
    <div class="ad-field ad-check">
      <input
        type="checkbox"
        checked={p.form.values[p.name] === true}
        onChange={(e) => p.form.set(p.name, e.currentTarget.checked as V[keyof V])}
        {...describe(p)}
      />
      <label for={id}>{t(p.label)}</label>
      {p.help && (
        <p id={`${id}-help`} class="ad-help">
          {t(p.help)}
        </p>
      )}
      {err && (
        <p id={`${id}-error`} class="error ad-error">
          {say(err)}
        </p>
      )}
    </div>
  );
}

/** Several checkboxes for one array field (e.g. the metrics of a grant), in a fieldset. */
export function CheckGroup<V extends Values>(p: Base<V> & { options: Array<{ value: string; label: string }> }) {
  const chosen = (p.form.values[p.name] as string[] | undefined) ?? [];
  const err = p.form.errors[p.name];
  const id = `${p.idp}-${p.name}`;
  return (
    <fieldset class="ad-field ad-group" aria-describedby={err ? `${id}-error` : undefined}>
      <legend>{t(p.label)}</legend>
      {p.options.map((o) => (
        <div key={o.value} class="ad-check">
          <input
            type="checkbox"
            id={`${id}-${o.value}`}
            name={p.name}
            checked={chosen.includes(o.value)}
            onChange={(e) =>
              p.form.set(p.name, (e.currentTarget.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value)) as V[keyof V])
            }
          />
          <label for={`${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      {err && (
        <p id={`${id}-error`} class="error ad-error">
          {say(err)}
        </p>
      )}
    </fieldset>
  );
}

/** The form's own problem (server refusal or "fix the marked fields"), announced when it appears. */
export function FormAlert<V extends Values>({ form }: { form: FormApi<V> }) {
  return (
    <div role="alert" tabIndex={-1} class="ad-alert">
      {form.formError && <p class="error">{say(form.formError)}</p>}
    </div>
  );
}

export function SubmitRow<V extends Values>({ form, label, onCancel }: { form: FormApi<V>; label: MessageKey; onCancel?: () => void }) {
  return (
    <div class="row-actions ad-submit">
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('admin.form.saving') : t(label)}
      </button>
      {onCancel && (
        <button type="button" class="secondary" onClick={onCancel}>
          {t('admin.form.cancel')}
        </button>
      )}
    </div>
  );
}
