// Programme staff's effect verification on the pseudonymised research cohort (GET /v1/analysis/effect).
import { useEffect, useRef, useState } from 'preact/hooks';
import { japanDate, t, type MessageKey } from '../../i18n/i18n.js';
import { ApiError, get } from '../../lib/api-client.js';
import { currentPath, navigate } from '../../lib/router.js';
import { checkEffectForm, effectQuery, formFromSearch, type EffectErrors, type EffectField, type EffectForm } from './effect-query.js';
import { EffectFormView } from './effect-form.js';
import type { EffectResult } from './effect-types.js';
import { ResultsView } from './results-view.js';
import './analysis.css';

const SERVER_FIELDS: Record<string, EffectField> = {
  baseline: 'baselineFrom',
  intervention: 'interventionFrom',
  familiarisation_days: 'familiarisationDays',
  min_valid_days: 'minValidDays',
  outcome: 'outcome',
};

/** A failed request in plain words, and the fields the server complained about. */
function explain(err: unknown): { message: MessageKey; fields: EffectErrors } {
  if (!(err instanceof ApiError)) return { message: 'analysis.err.unexpected', fields: {} };
  if (err.status === 400) {
    const fields: EffectErrors = {};
    for (const i of err.issues) {
      const f = SERVER_FIELDS[i.path.split('.')[1] ?? ''];
      if (f) fields[f] = 'analysis.err.serverField';
    }
    return { message: 'analysis.err.invalid', fields };
  }
  if (err.status === 403) return { message: 'analysis.err.forbidden', fields: {} };
  if (err.status === 0) return { message: 'analysis.err.network', fields: {} };
  if (err.status === 503) return { message: 'analysis.err.unavailable', fields: {} };
  return { message: 'analysis.err.unexpected', fields: {} };
}

export function AnalysisPage() {
  const search = currentPath.value.split('?')[1] ?? '';
  const [form, setForm] = useState<EffectForm>(() => formFromSearch(search, japanDate()));
  const [errors, setErrors] = useState<EffectErrors>({});
  const [failure, setFailure] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ result: EffectResult; query: Record<string, string> } | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  async function run(f: EffectForm) {
    const problems = checkEffectForm(f);
    setErrors(problems);
    setFailure(null);
    const first = Object.keys(problems)[0];
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`#an-${first}`)?.focus();
      return;
    }
    const query = effectQuery(f);
    navigate(`/analysis?${new URLSearchParams(query)}`, true);
    setBusy(true);
    try {
      setDone({ result: await get<EffectResult>('/v1/analysis/effect', query), query });
    } catch (err) {
      const e = explain(err);
      setErrors(e.fields);
      setFailure(e.message);
      setDone(null);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    // an address with periods (a bookmark, a shared link) runs the analysis at once
    if (new URLSearchParams(search).has('baseline')) void run(form);
  }, []);

  const problemCount = Object.keys(errors).length;
  return (
    <section class="an-page">
      <h1>{t('analysis.title')}</h1>
      <p>{t('analysis.intro')}</p>
      <p class="muted">{t('analysis.privacy')}</p>
      <div ref={formRef}>
        <EffectFormView form={form} errors={errors} busy={busy} onChange={setForm} onSubmit={() => void run(form)} />
      </div>
      <div role="alert" class="an-alert">
        {failure && <p class="error">{t(failure)}</p>}
        {!failure && problemCount > 0 && <p class="error">{t('analysis.err.summary', { n: problemCount })}</p>}
      </div>
      <p role="status" class="an-status">
        {busy
          ? t('analysis.form.running')
          : done
            ? t('analysis.results.done', { included: done.result.n.included, cohort: done.result.n.cohort })
            : ''}
      </p>
      {done && !busy && <ResultsView result={done.result} query={done.query} />}
    </section>
  );
}
