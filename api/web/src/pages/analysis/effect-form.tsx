// Periods and rules of the effect verification; each field explains itself and its problem.
import type { JSX, TargetedEvent } from 'preact';
import { t, type MessageKey } from '../../i18n/i18n.js';
import type { EffectErrors, EffectField, EffectForm } from './effect-query.js';
import { OUTCOMES, type Outcome } from './effect-types.js';
import { outcomeLabel } from './units.js';

interface Props {
  form: EffectForm;
  errors: EffectErrors;
  busy: boolean;
  onChange: (f: EffectForm) => void;
  onSubmit: () => void;
}

export function EffectFormView({ form, errors, busy, onChange, onSubmit }: Props) {
  const set = (k: EffectField) => (e: TargetedEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange({ ...form, [k]: e.currentTarget.value });
  const field = (k: EffectField, label: MessageKey, input: JSX.Element, help?: MessageKey) => (
    <div class="an-field">
      <label for={`an-${k}`}>{t(label)}</label>
      {help && (
        <p id={`an-${k}-help`} class="muted an-help">
          {t(help)}
        </p>
      )}
      {input}
      {errors[k] && (
        <p id={`an-${k}-error`} class="error">
          {t(errors[k] as MessageKey)}
        </p>
      )}
    </div>
  );
  const a11y = (k: EffectField, help = false) => ({
    id: `an-${k}`,
    name: k,
    'aria-invalid': errors[k] ? ('true' as const) : undefined,
    'aria-describedby': [help && `an-${k}-help`, errors[k] && `an-${k}-error`].filter(Boolean).join(' ') || undefined,
  });
  const date = (k: EffectField, label: MessageKey) =>
    field(k, label, <input type="date" required value={form[k]} onInput={set(k)} {...a11y(k)} />);
  return (
    <form
      class="card an-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2>{t('analysis.form.title')}</h2>
      <div class="an-periods">
        <fieldset>
          <legend>{t('analysis.period.baseline')}</legend>
          {date('baselineFrom', 'analysis.form.from')}
          {date('baselineTo', 'analysis.form.to')}
        </fieldset>
        <fieldset>
          <legend>{t('analysis.period.intervention')}</legend>
          {date('interventionFrom', 'analysis.form.from')}
          {date('interventionTo', 'analysis.form.to')}
        </fieldset>
      </div>
      <div class="an-rules">
        {field(
          'familiarisationDays',
          'analysis.form.familiarisation',
          <input type="number" inputMode="numeric" min={0} max={28} value={form.familiarisationDays} onInput={set('familiarisationDays')} {...a11y('familiarisationDays', true)} />,
          'analysis.form.familiarisationHelp',
        )}
        {field(
          'minValidDays',
          'analysis.form.minValid',
          <input type="number" inputMode="numeric" min={1} max={200} value={form.minValidDays} onInput={set('minValidDays')} {...a11y('minValidDays', true)} />,
          'analysis.form.minValidHelp',
        )}
        {field(
          'outcome',
          'analysis.form.outcome',
          <select value={form.outcome} onChange={set('outcome')} {...a11y('outcome', true)}>
            {OUTCOMES.map((o: Outcome) => (
              <option key={o} value={o}>
                {outcomeLabel(o)}
              </option>
            ))}
          </select>,
          'analysis.form.outcomeHelp',
        )}
      </div>
      <button type="submit" disabled={busy} aria-disabled={busy}>
        {busy ? t('analysis.form.running') : t('analysis.form.submit')}
      </button>
    </form>
  );
}
