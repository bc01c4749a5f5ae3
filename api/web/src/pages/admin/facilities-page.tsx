// Care facilities: register one, change its name or address (the code is fixed once created).
import { useEffect, useRef, useState } from 'preact/hooks';
import { fmtDate, t } from '../../i18n/i18n.js';
import { api, get, post } from '../../lib/api-client.js';
import { AdminFrame, Notice } from './admin-frame.js';
import { DataTable } from './data-table.js';
import { FormAlert, SubmitRow, TextField } from './fields.js';
import { say } from './say.js';
import { CreateFacilityBodySchema, UpdateFacilityBodySchema, type Facility, type Items } from './schemas.js';
import { opt, useForm } from './use-form.js';
import { useResource } from './use-resource.js';

const blank = { code: '', name: '', municipality: '静岡市', prefecture: '静岡県' };
const hints = { code: { pattern: 'admin.err.facilityCode' } };
const conflict = { field: 'code', key: 'admin.err.facilityCodeTaken' };

export function FacilitiesPage() {
  const list = useResource(() => get<Items<Facility>>('/v1/facilities', { limit: 500 }));
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Facility | null>(null);
  const create = useForm({
    initial: blank,
    schema: CreateFacilityBodySchema,
    toBody: (v) => ({ code: v.code.trim(), name: v.name.trim(), municipality: v.municipality.trim(), prefecture: v.prefecture.trim() }),
    send: (body) => post<Facility>('/v1/facilities', body),
    hints,
    server: { conflict },
    done: (f) => {
      setNotice(t('admin.facilities.created', { name: (f as Facility).name }));
      void list.reload();
    },
  });
  return (
    <AdminFrame title={t('admin.facilities.title')} intro={t('admin.facilities.about')}>
      <Notice text={notice} />
      <form ref={create.ref} class="card ad-form" noValidate onSubmit={create.submit} aria-labelledby="fac-new-title">
        <h2 id="fac-new-title">{t('admin.facilities.new')}</h2>
        <FormAlert form={create} />
        <TextField form={create} idp="fac-new" name="code" label="admin.facilities.code" help="admin.facilities.codeHelp" required />
        <TextField form={create} idp="fac-new" name="name" label="admin.facilities.name" required />
        <TextField form={create} idp="fac-new" name="municipality" label="admin.facilities.municipality" required />
        <TextField form={create} idp="fac-new" name="prefecture" label="admin.facilities.prefecture" required />
        <SubmitRow form={create} label="admin.facilities.submit" />
      </form>
      {editing && (
        <EditFacility
          key={editing.id}
          facility={editing}
          onDone={(f) => {
            setEditing(null);
            if (f) setNotice(t('admin.facilities.updated', { name: f.name }));
            void list.reload();
          }}
        />
      )}
      <div class="card">
        {list.error && <p class="error">{say(list.error)}</p>}
        {list.data && (
          <DataTable
            caption={t('admin.facilities.list', { n: list.data.items.length })}
            rows={list.data.items}
            rowKey={(f) => f.id}
            columns={[
              { label: 'admin.facilities.name', cell: (f) => f.name },
              { label: 'admin.facilities.code', cell: (f) => <code>{f.code}</code> },
              { label: 'admin.facilities.address', cell: (f) => `${f.prefecture} ${f.municipality}` },
              { label: 'admin.list.createdAt', cell: (f) => fmtDate(f.createdAt) },
              {
                label: 'admin.list.actions',
                cell: (f) => (
                  <button type="button" class="secondary" onClick={() => setEditing(f)} aria-label={t('admin.facilities.editOf', { name: f.name })}>
                    {t('admin.list.edit')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </div>
    </AdminFrame>
  );
}

function EditFacility({ facility, onDone }: { facility: Facility; onDone: (f: Facility | null) => void }) {
  const form = useForm({
    initial: { name: facility.name, municipality: facility.municipality, prefecture: facility.prefecture },
    schema: UpdateFacilityBodySchema,
    toBody: (v) => ({ name: opt(v.name) ?? '', municipality: opt(v.municipality) ?? '', prefecture: opt(v.prefecture) ?? '' }),
    send: (body) => api<Facility>('PATCH', `/v1/facilities/${facility.id}`, { body }),
    keep: true,
    done: (f) => onDone(f as Facility),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form ref={form.ref} class="card ad-form ad-edit" noValidate onSubmit={form.submit} aria-labelledby="fac-edit-title">
      <h2 id="fac-edit-title" ref={heading} tabIndex={-1}>
        {t('admin.facilities.editOf', { name: facility.name })}
      </h2>
      <FormAlert form={form} />
      <TextField form={form} idp="fac-edit" name="name" label="admin.facilities.name" required />
      <TextField form={form} idp="fac-edit" name="municipality" label="admin.facilities.municipality" required />
      <TextField form={form} idp="fac-edit" name="prefecture" label="admin.facilities.prefecture" required />
      <SubmitRow form={form} label="admin.form.save" onCancel={() => onDone(null)} />
    </form>
  );
}
