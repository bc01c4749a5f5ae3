// One person's consents and sharing grants: record, withdraw, share, revoke (admins, as for a paper form).
import { useState } from 'preact/hooks';
import { fmtDate, t } from '../../i18n/i18n.js';
import { get, post } from '../../lib/api-client.js';
import { AdminFrame, Notice } from './admin-frame.js';
import { CreateGrantForm, metricLabel, purposeLabel, RecordConsentForm } from './consent-forms.js';
import { DataTable } from './data-table.js';
import { say } from './say.js';
import { careLevelLabel } from './person-form.js';
import type { Account, Consent, Facility, Grant, Items, Person } from './schemas.js';
import { explainServerError } from './server-errors.js';
import { useResource } from './use-resource.js';
import { WithdrawAll } from './withdraw-all.js';

const GRANTEE_ROLES = new Set(['family', 'self', 'admin']);

export function PersonDetailPage({ id }: { id: string }) {
  const person = useResource(() => get<Person>(`/v1/persons/${id}`), [id]);
  const consents = useResource(() => get<Items<Consent>>(`/v1/persons/${id}/consents`), [id]);
  const grants = useResource(() => get<Items<Grant>>(`/v1/persons/${id}/grants`), [id]);
  const accounts = useResource(() => get<Items<Account>>('/v1/accounts', { limit: 500 }));
  const facilities = useResource(() => get<Items<Facility>>('/v1/facilities', { limit: 500 }));
  const [notice, setNotice] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const p = person.data;
  const name = p ? `${p.familyName} ${p.givenName}` : '';
  const accountName = (aid: string) => accounts.data?.items.find((a) => a.id === aid)?.displayName ?? t('admin.grants.unknownAccount');
  const facilityName = (fid: string) => facilities.data?.items.find((f) => f.id === fid)?.name ?? t('admin.grants.unknownFacility');
  const act = async (confirmText: string, path: string, done: string, reload: () => Promise<void>) => {
    setRowError(null);
    if (!confirm(confirmText)) return;
    try {
      await post(path);
      setNotice(done);
      await reload();
    } catch (err) {
      setRowError(say(explainServerError(err).form!));
    }
  };
  if (person.error) {
    return (
      <AdminFrame title={t('admin.person.title')}>
        <p class="error">{say(person.error)}</p>
      </AdminFrame>
    );
  }
  return (
    <AdminFrame title={p ? t('admin.person.titleOf', { name }) : t('admin.person.title')}>
      <Notice text={notice} />
      <p>
        <a href="/admin/persons">{t('admin.person.back')}</a>
      </p>
      {p && (
        <p class="muted">
          {t('admin.person.summary', { facility: p.facility.name, care: careLevelLabel(p.careLevel), device: p.deviceId ?? t('admin.persons.noDevice') })}
        </p>
      )}
      <div role="alert">{rowError && <p class="error">{rowError}</p>}</div>
      <section class="card" aria-labelledby="consents-title">
        <h2 id="consents-title">{t('admin.consents.title')}</h2>
        <p class="ad-help">{t('admin.consents.about')}</p>
        {consents.error && <p class="error">{say(consents.error)}</p>}
        {consents.data && (
          <DataTable
            caption={t('admin.consents.list', { name })}
            rows={consents.data.items}
            rowKey={(c) => c.id}
            empty="admin.consents.empty"
            columns={[
              { label: 'admin.consents.purpose', cell: (c) => purposeLabel(c.purpose) },
              { label: 'admin.consents.document', cell: (c) => c.documentVersion },
              { label: 'admin.consents.givenBy', cell: (c) => (c.givenBy === 'proxy' ? t('admin.consents.proxyOf', { name: c.proxyName ?? '', rel: c.proxyRelationship ?? '' }) : t('admin.consents.byPerson')) },
              { label: 'admin.consents.givenAt', cell: (c) => fmtDate(c.givenAt) },
              {
                label: 'admin.consents.state',
                cell: (c) =>
                  c.active ? (
                    <span class="badge ok">{t('admin.consents.active')}</span>
                  ) : c.withdrawnAt ? (
                    <span class="badge bad">{t('admin.consents.withdrawnAt', { at: fmtDate(c.withdrawnAt) })}</span>
                  ) : (
                    <span class="badge warn">{t('admin.consents.superseded')}</span>
                  ),
              },
              {
                label: 'admin.list.actions',
                cell: (c) =>
                  c.active ? (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t('admin.consents.withdrawOf', { purpose: purposeLabel(c.purpose) })}
                      onClick={() =>
                        void act(
                          t('admin.consents.withdrawConfirm', { purpose: purposeLabel(c.purpose), name }),
                          `/v1/persons/${id}/consents/${c.id}/withdraw`,
                          t('admin.consents.withdrawn', { purpose: purposeLabel(c.purpose) }),
                          consents.reload,
                        )
                      }
                    >
                      {t('admin.consents.withdraw')}
                    </button>
                  ) : null,
              },
            ]}
          />
        )}
        <RecordConsentForm
          personId={id}
          onDone={() => {
            setNotice(t('admin.consents.recorded'));
            void consents.reload();
          }}
        />
      </section>
      <section class="card" aria-labelledby="grants-title">
        <h2 id="grants-title">{t('admin.grants.title')}</h2>
        <p class="ad-help">{t('admin.grants.about')}</p>
        {grants.error && <p class="error">{say(grants.error)}</p>}
        {grants.data && (
          <DataTable
            caption={t('admin.grants.list', { name })}
            rows={grants.data.items}
            rowKey={(g) => g.id}
            empty="admin.grants.empty"
            columns={[
              { label: 'admin.grants.grantee', cell: (g) => ('accountId' in g.grantee ? accountName(g.grantee.accountId) : facilityName(g.grantee.facilityId)) },
              { label: 'admin.grants.metrics', cell: (g) => g.metrics.map(metricLabel).join('、') },
              {
                label: 'admin.grants.window',
                cell: (g) =>
                  g.dataFrom || g.dataTo
                    ? t('admin.grants.windowValue', { from: g.dataFrom ? fmtDate(g.dataFrom) : '', to: g.dataTo ? fmtDate(g.dataTo) : '' })
                    : t('admin.grants.allTime'),
              },
              { label: 'admin.grants.proxyShort', cell: (g) => t(g.proxy ? 'common.yes' : 'common.no') },
              {
                label: 'admin.consents.state',
                cell: (g) => (g.active ? <span class="badge ok">{t('admin.grants.active')}</span> : <span class="badge bad">{t('admin.grants.revoked')}</span>),
              },
              {
                label: 'admin.list.actions',
                cell: (g) =>
                  g.active ? (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t('admin.grants.revokeOf', { who: 'accountId' in g.grantee ? accountName(g.grantee.accountId) : facilityName(g.grantee.facilityId) })}
                      onClick={() => void act(t('admin.grants.revokeConfirm'), `/v1/persons/${id}/grants/${g.id}/revoke`, t('admin.grants.revokedNotice'), grants.reload)}
                    >
                      {t('admin.grants.revoke')}
                    </button>
                  ) : null,
              },
            ]}
          />
        )}
        {accounts.data && facilities.data && (
          <CreateGrantForm
            personId={id}
            accounts={accounts.data.items.filter((a) => GRANTEE_ROLES.has(a.role) && a.personId !== id && !a.disabled)}
            facilities={facilities.data.items}
            onDone={() => {
              setNotice(t('admin.grants.created'));
              void grants.reload();
            }}
          />
        )}
      </section>
      {p && (
        <WithdrawAll
          personId={id}
          name={name}
          onDone={(text) => {
            setNotice(text);
            void consents.reload();
            void grants.reload();
            void person.reload();
          }}
        />
      )}
    </AdminFrame>
  );
}
