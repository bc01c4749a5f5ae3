// Who wears which watch from when: enrol, move a watch to another person, end an enrolment.
import { useState } from 'preact/hooks';
import { z } from 'zod';
import { fmtDate, t } from '../../i18n/i18n.js';
import { get, post } from '../../lib/api-client.js';
import { AdminFrame, Notice } from './admin-frame.js';
import { DataTable } from './data-table.js';
import { CheckField, FormAlert, SelectField, SubmitRow, TextField } from './fields.js';
import { isoToLocal, localToIso } from './japan-time.js';
import { say } from './say.js';
import { CreateEnrolmentBodySchema, type Device, type Enrolment, type Items, type Person } from './schemas.js';
import { opt, useForm } from './use-form.js';
import { useResource } from './use-resource.js';

const EndBodySchema = z.object({ validTo: z.iso.datetime({ offset: true }) });

export function EnrolmentsPage() {
  const list = useResource(() => get<Items<Enrolment>>('/v1/enrolments', { limit: 500 }));
  const devices = useResource(() => get<Items<Device>>('/v1/devices', { limit: 500 }));
  const people = useResource(() => get<Items<Person>>('/v1/persons', { limit: 500 }));
  const [notice, setNotice] = useState<string | null>(null);
  const [ending, setEnding] = useState<Enrolment | null>(null);
  const personName = (id: string) => {
    const p = people.data?.items.find((x) => x.id === id);
    return p ? `${p.familyName} ${p.givenName}` : t('admin.enrolments.unknownPerson');
  };
  const form = useForm({
    initial: { deviceId: '', personId: '', validFrom: isoToLocal(), validTo: '', endOpen: false },
    schema: CreateEnrolmentBodySchema,
    toBody: (v) => ({
      deviceId: opt(v.deviceId),
      personId: v.personId || undefined,
      validFrom: localToIso(v.validFrom),
      validTo: localToIso(v.validTo),
      endOpen: v.endOpen,
    }),
    send: (body) => post<Enrolment>('/v1/enrolments', body),
    hints: { deviceId: { choice: true }, personId: { choice: true } },
    server: {
      conflict: { field: 'validFrom', key: 'admin.err.enrolmentOverlap' },
      reference: { field: 'personId', key: 'admin.err.referenceGone' },
    },
    done: (e) => {
      const en = e as Enrolment;
      setNotice(t('admin.enrolments.created', { device: en.deviceId, name: personName(en.personId) }));
      void list.reload();
    },
  });
  const usable = (devices.data?.items ?? []).filter((d) => !d.retiredAt);
  const now = Date.now();
  const active = (e: Enrolment) => Date.parse(e.validFrom) <= now && (!e.validTo || Date.parse(e.validTo) > now);
  return (
    <AdminFrame title={t('admin.enrolments.title')} intro={t('admin.enrolments.about')}>
      <Notice text={notice} />
      <form ref={form.ref} class="card ad-form" noValidate onSubmit={form.submit} aria-labelledby="enr-new-title">
        <h2 id="enr-new-title">{t('admin.enrolments.new')}</h2>
        <FormAlert form={form} />
        <SelectField form={form} idp="enr-new" name="deviceId" label="admin.enrolments.device" required options={usable.map((d) => ({ value: d.id, label: d.id }))} />
        <SelectField
          form={form}
          idp="enr-new"
          name="personId"
          label="admin.enrolments.person"
          required
          options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.familyName} ${p.givenName}(${p.facility.name})` }))}
        />
        <TextField form={form} idp="enr-new" name="validFrom" type="datetime-local" label="admin.enrolments.from" help="admin.enrolments.timeHelp" required />
        <TextField form={form} idp="enr-new" name="validTo" type="datetime-local" label="admin.enrolments.to" help="admin.enrolments.toHelp" />
        <CheckField form={form} idp="enr-new" name="endOpen" label="admin.enrolments.endOpen" help="admin.enrolments.endOpenHelp" />
        <SubmitRow form={form} label="admin.enrolments.submit" />
      </form>
      {ending && (
        <EndEnrolmentForm
          key={ending.id}
          enrolment={ending}
          name={personName(ending.personId)}
          onDone={(done) => {
            setEnding(null);
            if (done) setNotice(t('admin.enrolments.ended', { device: done.deviceId, name: personName(done.personId) }));
            void list.reload();
          }}
        />
      )}
      <div class="card">
        {list.error && <p class="error">{say(list.error)}</p>}
        {list.data && (
          <DataTable
            caption={t('admin.enrolments.list', { n: list.data.items.length })}
            rows={list.data.items}
            rowKey={(e) => e.id}
            columns={[
              { label: 'admin.enrolments.device', cell: (e) => <code>{e.deviceId}</code> },
              { label: 'admin.enrolments.person', cell: (e) => personName(e.personId) },
              { label: 'admin.enrolments.from', cell: (e) => fmtDate(e.validFrom) },
              { label: 'admin.enrolments.to', cell: (e) => (e.validTo ? fmtDate(e.validTo) : t('admin.enrolments.open')) },
              {
                label: 'admin.list.actions',
                cell: (e) =>
                  !e.validTo || Date.parse(e.validTo) > now ? (
                    <button type="button" class="secondary" onClick={() => setEnding(e)} aria-label={t('admin.enrolments.endOf', { device: e.deviceId, name: personName(e.personId) })}>
                      {t('admin.enrolments.end')}
                    </button>
                  ) : (
                    <span class="muted">{active(e) ? '' : t('admin.enrolments.finished')}</span>
                  ),
              },
            ]}
          />
        )}
      </div>
    </AdminFrame>
  );
}

function EndEnrolmentForm({ enrolment, name, onDone }: { enrolment: Enrolment; name: string; onDone: (e: Enrolment | null) => void }) {
  const form = useForm({
    initial: { validTo: isoToLocal() },
    schema: EndBodySchema,
    toBody: (v) => ({ validTo: localToIso(v.validTo) }),
    send: (body) => post<Enrolment>(`/v1/enrolments/${enrolment.id}/end`, body),
    keep: true,
    server: { codes: { invalid_request: 'admin.err.endBeforeStart' } },
    done: (e) => onDone(e as Enrolment),
  });
  return (
    <form ref={form.ref} class="card ad-form ad-edit" noValidate onSubmit={form.submit} aria-labelledby="enr-end-title">
      <h2 id="enr-end-title">{t('admin.enrolments.endOf', { device: enrolment.deviceId, name })}</h2>
      <FormAlert form={form} />
      <TextField form={form} idp="enr-end" name="validTo" type="datetime-local" label="admin.enrolments.endAt" help="admin.enrolments.timeHelp" required />
      <SubmitRow form={form} label="admin.enrolments.end" onCancel={() => onDone(null)} />
    </form>
  );
}
