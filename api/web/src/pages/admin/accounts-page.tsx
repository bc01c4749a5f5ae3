// Accounts of every role: create, change, disable or enable (disabling ends every session at once).
import { useState } from 'preact/hooks';
import { t } from '../../i18n/i18n.js';
import { api, get } from '../../lib/api-client.js';
import { me } from '../../lib/auth.js';
import { CreateAccountForm, EditAccountForm, roleLabel } from './account-forms.js';
import { AdminFrame, Notice } from './admin-frame.js';
import { DataTable } from './data-table.js';
import { say } from './say.js';
import type { Account, Facility, Items, Person } from './schemas.js';
import { RoleSecurity } from './role-security.js';
import { SecretBox, type Secret } from './secret-box.js';
import { explainServerError } from './server-errors.js';
import { useResource } from './use-resource.js';

export function AccountsPage() {
  const list = useResource(() => get<Items<Account>>('/v1/accounts', { limit: 500 }));
  const facilities = useResource(() => get<Items<Facility>>('/v1/facilities', { limit: 500 }));
  const people = useResource(() => get<Items<Person>>('/v1/persons', { limit: 500 }));
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [editing, setEditing] = useState<Account | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const fs = facilities.data?.items ?? [];
  const facilityName = (id: string | null) => fs.find((f) => f.id === id)?.name ?? '';
  const personName = (id: string | null) => {
    const p = people.data?.items.find((x) => x.id === id);
    return p ? `${p.familyName} ${p.givenName}` : '';
  };
  const toggle = async (a: Account) => {
    setRowError(null);
    if (!a.disabled && !confirm(t('admin.accounts.disableConfirm', { name: a.displayName }))) return;
    try {
      await api('PATCH', `/v1/accounts/${a.id}`, { body: { disabled: !a.disabled } });
      setNotice(t(a.disabled ? 'admin.accounts.enabled' : 'admin.accounts.disabledNotice', { name: a.displayName }));
      await list.reload();
    } catch (err) {
      setRowError(say(explainServerError(err, { codes: { cannot_disable_self: 'admin.err.cannotDisableSelf' } }).form!));
    }
  };
  return (
    <AdminFrame title={t('admin.accounts.title')} intro={t('admin.accounts.about')}>
      <Notice text={notice} />
      {secret && <SecretBox secret={secret} onClose={() => setSecret(null)} />}
      {facilities.data && people.data && (
        <CreateAccountForm
          facilities={fs}
          people={people.data.items}
          onCreated={(a, pw) => {
            setNotice(t('admin.accounts.created', { name: a.displayName }));
            if (pw)
              setSecret({
                title: t('admin.accounts.secretTitle', { name: a.displayName }),
                rows: [
                  { label: t('admin.accounts.email'), value: a.email },
                  { label: t('admin.accounts.initialPassword'), value: pw },
                ],
              });
            void list.reload();
          }}
        />
      )}
      {editing && (
        <EditAccountForm
          key={editing.id}
          account={editing}
          facilities={fs}
          onDone={(a) => {
            setEditing(null);
            if (a) setNotice(t('admin.accounts.updated', { name: a.displayName }));
            void list.reload();
          }}
        />
      )}
      <div class="card">
        <div role="alert">{rowError && <p class="error">{rowError}</p>}</div>
        {list.error && <p class="error">{say(list.error)}</p>}
        {list.data && (
          <DataTable
            caption={t('admin.accounts.list', { n: list.data.items.length })}
            rows={list.data.items}
            rowKey={(a) => a.id}
            columns={[
              { label: 'admin.accounts.displayName', cell: (a) => a.displayName },
              { label: 'admin.accounts.email', cell: (a) => <span class="ad-break">{a.email}</span> },
              { label: 'admin.accounts.role', cell: (a) => roleLabel(a.role) },
              { label: 'admin.accounts.scope', cell: (a) => facilityName(a.facilityId) || personName(a.personId) || t('common.none') },
              { label: 'admin.accounts.totp', cell: (a) => t(a.totpEnabled ? 'admin.accounts.totpOn' : 'admin.accounts.totpOff') },
              {
                label: 'admin.accounts.state',
                cell: (a) =>
                  a.disabled ? <span class="badge bad">{t('admin.accounts.disabled')}</span> : <span class="badge ok">{t('admin.accounts.active')}</span>,
              },
              {
                label: 'admin.list.actions',
                cell: (a) => (
                  <div class="row-actions">
                    <button type="button" class="secondary" onClick={() => setEditing(a)} aria-label={t('admin.accounts.editOf', { name: a.displayName })}>
                      {t('admin.list.edit')}
                    </button>
                    {a.id !== me.value?.id && (
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => void toggle(a)}
                        aria-label={t(a.disabled ? 'admin.accounts.enableOf' : 'admin.accounts.disableOf', { name: a.displayName })}
                      >
                        {t(a.disabled ? 'admin.accounts.enable' : 'admin.accounts.disable')}
                      </button>
                    )}
                  </div>
                ),
              },
            ]}
          />
        )}
      </div>
      <RoleSecurity />
    </AdminFrame>
  );
}
