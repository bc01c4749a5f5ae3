// Every person of the cohort by pseudonym: both periods, the difference, and why anyone was left out.
import { fmtNumber, t } from '../../i18n/i18n.js';
import type { Outcome, PersonResult } from './effect-types.js';
import { fmtDiff, fmtValue, reasonLabel } from './units.js';

export function PersonTable({ id, outcome, people }: { id: string; outcome: Outcome; people: PersonResult[] }) {
  const sorted = [...people].sort((a, b) => Number(b.included) - Number(a.included) || a.pseudonym.localeCompare(b.pseudonym));
  return (
    <div class="table-wrap an-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table id={id} class="an-people">
        <caption id={`${id}-caption`}>{t('analysis.people.caption', { n: people.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analysis.people.pseudonym')}</th>
            <th scope="col" class="num">{t('analysis.people.baselineDays')}</th>
            <th scope="col" class="num">{t('analysis.people.baselineMean')}</th>
            <th scope="col" class="num">{t('analysis.people.interventionDays')}</th>
            <th scope="col" class="num">{t('analysis.people.interventionMean')}</th>
            <th scope="col" class="num">{t('analysis.people.difference')}</th>
            <th scope="col">{t('analysis.people.status')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.pseudonym}>
              <th scope="row" class="an-pseudonym">{p.pseudonym}</th>
              <td class="num">{t('analysis.people.daysOf', { valid: fmtNumber(p.baseline.validDays), days: fmtNumber(p.baseline.days) })}</td>
              <td class="num">{fmtValue(outcome, p.baseline.mean)}</td>
              <td class="num">{t('analysis.people.daysOf', { valid: fmtNumber(p.intervention.validDays), days: fmtNumber(p.intervention.days) })}</td>
              <td class="num">{fmtValue(outcome, p.intervention.mean)}</td>
              <td class="num">{p.included ? fmtDiff(outcome, p.difference) : t('common.none')}</td>
              <td>
                {p.included ? (
                  <span class="badge ok">{t('analysis.people.included')}</span>
                ) : (
                  <span class="badge warn">{p.exclusions.map(reasonLabel).join('・') || t('analysis.people.excluded')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
