// Watches: register one (its broker password is shown once), issue a new password, retire or bring back.
import { useState } from 'preact/hooks';
import { fmtDate, t } from '../../i18n/i18n.js';
import { api, get, post } from '../../lib/api-client.js';
import { AdminFrame, Notice } from './admin-frame.js';
import { DataTable } from './data-table.js';
import { FormAlert, SelectField, SubmitRow, TextField } from './fields.js';
import { say } from './say.js';
import { CreateDeviceBodySchema, WIRE_FORMATS, type Device, type Items, type Person } from './schemas.js';
import { SecretBox, type Secret } from './secret-box.js';
import { explainServerError } from './server-errors.js';
import { useForm } from './use-form.js';
import { useResource } from './use-resource.js';

type Credentials = { username: string; secret: string };

export function DevicesPage() {
  const list = useResource(() => get<Items<Device>>('/v1/devices', { limit: 500 }));
  const people = useResource(() => get<Items<Person>>('/v1/persons', { limit: 500 }));
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const showSecret = (id: string, c: Credentials) =>
    setSecret({
      title: t('admin.devices.secretTitle', { id }),
      rows: [
        { label: t('admin.devices.username'), value: c.username },
        { label: t('admin.devices.secret'), value: c.secret },
      ],
    });
  const form = useForm({
    initial: { id: '', vendor: '', model: '', wireFormat: 'canonical' },
    schema: CreateDeviceBodySchema,
    toBody: (v) => ({ id: v.id.trim(), vendor: v.vendor.trim(), model: v.model.trim(), wireFormat: v.wireFormat || undefined }),
    send: (body) => post<{ device: Device; credentials: Credentials }>('/v1/devices', body),
    hints: { id: { pattern: 'admin.err.deviceId' } },
    server: { conflict: { field: 'id', key: 'admin.err.deviceIdTaken' } },
    done: (r) => {
      const { device, credentials } = r as { device: Device; credentials: Credentials };
      setNotice(t('admin.devices.created', { id: device.id }));
      showSecret(device.id, credentials);
      void list.reload();
    },
  });
  const act = async (what: () => Promise<void>) => {
    setRowError(null);
    try {
      await what();
    } catch (err) {
      setRowError(say(explainServerError(err).form!));
    }
  };
  const rotate = (d: Device) =>
    act(async () => {
      if (!confirm(t('admin.devices.rotateConfirm', { id: d.id }))) return;
      showSecret(d.id, await post<Credentials>(`/v1/devices/${encodeURIComponent(d.id)}/credentials`));
      setNotice(t('admin.devices.rotated', { id: d.id }));
      await list.reload();
    });
  const retire = (d: Device, retired: boolean) =>
    act(async () => {
      await api('PATCH', `/v1/devices/${encodeURIComponent(d.id)}`, { body: { retired } });
      setNotice(t(retired ? 'admin.devices.retiredNotice' : 'admin.devices.restoredNotice', { id: d.id }));
      await list.reload();
    });
  const wearer = (id: string | null) => {
    const p = id ? people.data?.items.find((x) => x.id === id) : undefined;
    return p ? `${p.familyName} ${p.givenName}` : id ? t('admin.devices.someone') : t('admin.devices.nobody');
  };
  return (
    <AdminFrame title={t('admin.devices.title')} intro={t('admin.devices.about')}>
      <Notice text={notice} />
      {secret && <SecretBox secret={secret} onClose={() => setSecret(null)} />}
      <form ref={form.ref} class="card ad-form" noValidate onSubmit={form.submit} aria-labelledby="dev-new-title">
        <h2 id="dev-new-title">{t('admin.devices.new')}</h2>
        <FormAlert form={form} />
        <TextField form={form} idp="dev-new" name="id" label="admin.devices.id" help="admin.devices.idHelp" required />
        <TextField form={form} idp="dev-new" name="vendor" label="admin.devices.vendor" required />
        <TextField form={form} idp="dev-new" name="model" label="admin.devices.model" required />
        <SelectField
          form={form}
          idp="dev-new"
          name="wireFormat"
          label="admin.devices.wireFormat"
          help="admin.devices.wireFormatHelp"
          required
          options={WIRE_FORMATS.map((w) => ({ value: w, label: w }))}
        />
        <SubmitRow form={form} label="admin.devices.submit" />
      </form>
      <div class="card">
        <div role="alert">{rowError && <p class="error">{rowError}</p>}</div>
        {list.error && <p class="error">{say(list.error)}</p>}
        {list.data && (
          <DataTable
            caption={t('admin.devices.list', { n: list.data.items.length })}
            rows={list.data.items}
            rowKey={(d) => d.id}
            columns={[
              { label: 'admin.devices.id', cell: (d) => <code>{d.id}</code> },
              { label: 'admin.devices.model', cell: (d) => `${d.vendor} ${d.model}` },
              { label: 'admin.devices.wireFormat', cell: (d) => d.wireFormat },
              { label: 'admin.devices.wearer', cell: (d) => wearer(d.personId) },
              {
                label: 'admin.devices.state',
                cell: (d) =>
                  d.retiredAt ? (
                    <span class="badge warn">{t('admin.devices.retired')}</span>
                  ) : (
                    <span class="badge ok">{t('admin.devices.inUse')}</span>
                  ),
              },
              { label: 'admin.devices.rotatedAt', cell: (d) => (d.credentialRotatedAt ? fmtDate(d.credentialRotatedAt) : t('common.none')) },
              {
                label: 'admin.list.actions',
                cell: (d) => (
                  <div class="row-actions">
                    <button type="button" class="secondary" onClick={() => void rotate(d)} aria-label={t('admin.devices.rotateOf', { id: d.id })}>
                      {t('admin.devices.rotate')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => void retire(d, !d.retiredAt)}
                      aria-label={t(d.retiredAt ? 'admin.devices.restoreOf' : 'admin.devices.retireOf', { id: d.id })}
                    >
                      {t(d.retiredAt ? 'admin.devices.restore' : 'admin.devices.retire')}
                    </button>
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
