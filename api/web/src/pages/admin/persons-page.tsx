// People of the registry (admins see names, never vitals): register, change, open consents and sharing.
import { useState } from 'preact/hooks';
import { fmtNumber, t } from '../../i18n/i18n.js';
import { get } from '../../lib/api-client.js';
import { AdminFrame, Notice } from './admin-frame.js';
import { DataTable } from './data-table.js';
import { say } from './say.js';
import { careLevelLabel, CreatePersonForm, EditPersonForm } from './person-form.js';
import type { Facility, Items, Person } from './schemas.js';
import { useResource } from './use-resource.js';

export function PersonsPage() {
  const [facilityId, setFacilityId] = useState('');
  const facilities = useResource(() => get<Items<Facility>>('/v1/facilities', { limit: 500 }));
  const list = useResource(() => get<Items<Person>>('/v1/persons', { limit: 500, facilityId: facilityId || undefined }), [facilityId]);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Person | null>(null);
  const fs = facilities.data?.items ?? [];
  const name = (p: Person) => `${p.familyName} ${p.givenName}`;
  return (
    <AdminFrame title={t('admin.persons.title')} intro={t('admin.persons.about')}>
      <Notice text={notice} />
      {facilities.data && (
        <CreatePersonForm
          facilities={fs}
          onCreated={(p) => {
            setNotice(t('admin.persons.created', { name: name(p) }));
            void list.reload();
          }}
        />
      )}
      {editing && (
        <EditPersonForm
          key={editing.id}
          person={editing}
          facilities={fs}
          onDone={(p) => {
            setEditing(null);
            if (p) setNotice(t('admin.persons.updated', { name: name(p) }));
            void list.reload();
          }}
        />
      )}
      <div class="card">
        <label for="per-filter">{t('admin.persons.filter')}</label>
        <select id="per-filter" value={facilityId} onChange={(e) => setFacilityId(e.currentTarget.value)}>
          <option value="">{t('admin.persons.allFacilities')}</option>
          {fs.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
        {(list.error ?? facilities.error) && <p class="error">{say((list.error ?? facilities.error)!)}</p>}
        {list.data && (
          <DataTable
            caption={t('admin.persons.list', { n: list.data.items.length })}
            rows={list.data.items}
            rowKey={(p) => p.id}
            columns={[
              { label: 'admin.persons.name', cell: (p) => <a href={`/admin/persons/${p.id}`}>{name(p)}</a> },
              { label: 'admin.persons.facility', cell: (p) => p.facility.name },
              { label: 'admin.persons.careLevel', cell: (p) => careLevelLabel(p.careLevel) },
              { label: 'admin.persons.device', cell: (p) => (p.deviceId ? <code>{p.deviceId}</code> : t('admin.persons.noDevice')) },
              { label: 'admin.persons.stepGoal', cell: (p) => (p.dailyStepGoal === null ? t('common.none') : fmtNumber(p.dailyStepGoal)), num: true },
              {
                label: 'admin.list.actions',
                cell: (p) => (
                  <div class="row-actions">
                    <button type="button" class="secondary" onClick={() => setEditing(p)} aria-label={t('admin.persons.editOf', { name: name(p) })}>
                      {t('admin.list.edit')}
                    </button>
                    <a class="ad-link-button" href={`/admin/persons/${p.id}`} aria-label={t('admin.persons.consentsOf', { name: name(p) })}>
                      {t('admin.persons.consents')}
                    </a>
                  </div>
                ),
              },
            ]}
          />
        )}
      </div>
    </AdminFrame>
  );
}
