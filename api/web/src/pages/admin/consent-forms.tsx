// Recording a consent (the person's own, or a proxy's) and sharing metrics with an account or a facility.
import { t, type MessageKey } from '../../i18n/i18n.js';
import { post } from '../../lib/api-client.js';
import { CheckField, CheckGroup, FormAlert, SelectField, SubmitRow, TextField } from './fields.js';
import { localToIso } from './japan-time.js';
import { CONSENT_PURPOSES, CreateGrantBodySchema, METRIC_NAMES, RecordConsentBodySchema, type Account, type Facility } from './schemas.js';
import { msg } from './msg.js';
import { opt, useForm } from './use-form.js';

export const purposeLabel = (p: string) => t(`admin.purpose.${p}` as MessageKey);
export const metricLabel = (m: string) => t(`admin.metric.${m}` as MessageKey);

export function RecordConsentForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const form = useForm({
    initial: { purpose: '', documentVersion: '', givenBy: 'person', proxyName: '', proxyRelationship: '', givenAt: '' },
    schema: RecordConsentBodySchema,
    toBody: (v) => ({
      purpose: opt(v.purpose),
      documentVersion: v.documentVersion.trim(),
      givenBy: v.givenBy,
      proxyName: v.givenBy === 'proxy' ? opt(v.proxyName) : undefined,
      proxyRelationship: v.givenBy === 'proxy' ? opt(v.proxyRelationship) : undefined,
      givenAt: localToIso(v.givenAt),
    }),
    send: (body) => post(`/v1/persons/${personId}/consents`, body),
    hints: { purpose: { choice: true }, givenBy: { choice: true }, proxyName: { custom: 'admin.err.proxyName' } },
    done: onDone,
  });
  const proxy = form.values.givenBy === 'proxy';
  return (
    <form ref={form.ref} class="ad-form" noValidate onSubmit={form.submit} aria-labelledby="con-new-title">
      <h3 id="con-new-title">{t('admin.consents.new')}</h3>
      <FormAlert form={form} />
      <SelectField form={form} idp="con-new" name="purpose" label="admin.consents.purpose" required options={CONSENT_PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) }))} />
      <TextField form={form} idp="con-new" name="documentVersion" label="admin.consents.document" help="admin.consents.documentHelp" required />
      <SelectField
        form={form}
        idp="con-new"
        name="givenBy"
        label="admin.consents.givenBy"
        required
        options={[
          { value: 'person', label: t('admin.consents.byPerson') },
          { value: 'proxy', label: t('admin.consents.byProxy') },
        ]}
      />
      {proxy && <TextField form={form} idp="con-new" name="proxyName" label="admin.consents.proxyName" required />}
      {proxy && <TextField form={form} idp="con-new" name="proxyRelationship" label="admin.consents.proxyRelationship" help="admin.consents.proxyRelationshipHelp" />}
      <TextField form={form} idp="con-new" name="givenAt" type="datetime-local" label="admin.consents.givenAt" help="admin.consents.givenAtHelp" />
      <SubmitRow form={form} label="admin.consents.submit" />
    </form>
  );
}

export function CreateGrantForm({
  personId,
  accounts,
  facilities,
  onDone,
}: {
  personId: string;
  accounts: Account[];
  facilities: Facility[];
  onDone: () => void;
}) {
  const form = useForm({
    initial: { granteeType: 'account', accountId: '', facilityId: '', metrics: ['step_count'] as string[], dataFrom: '', dataTo: '', proxy: false },
    schema: CreateGrantBodySchema,
    toBody: (v) => ({
      grantee: v.granteeType === 'facility' ? { facilityId: v.facilityId } : { accountId: v.accountId },
      metrics: v.metrics,
      dataFrom: localToIso(v.dataFrom),
      dataTo: localToIso(v.dataTo),
      proxy: v.granteeType === 'account' ? v.proxy : false,
    }),
    send: (body) => post(`/v1/persons/${personId}/grants`, body),
    remap: ({ grantee, ...rest }, v) => (grantee ? { ...rest, [v.granteeType === 'facility' ? 'facilityId' : 'accountId']: msg('admin.err.choose') } : rest),
    hints: { dataTo: { custom: 'admin.err.dataToAfterFrom' }, proxy: { custom: 'admin.err.proxyAccountOnly' } },
    server: { codes: { invalid_grantee: 'admin.err.invalidGrantee' }, reference: { field: 'accountId', key: 'admin.err.referenceGone' } },
    done: onDone,
  });
  const toAccount = form.values.granteeType === 'account';
  return (
    <form ref={form.ref} class="ad-form" noValidate onSubmit={form.submit} aria-labelledby="gr-new-title">
      <h3 id="gr-new-title">{t('admin.grants.new')}</h3>
      <p class="ad-help">{t('admin.grants.needsConsent')}</p>
      <FormAlert form={form} />
      <SelectField
        form={form}
        idp="gr-new"
        name="granteeType"
        label="admin.grants.granteeType"
        required
        options={[
          { value: 'account', label: t('admin.grants.toAccount') },
          { value: 'facility', label: t('admin.grants.toFacility') },
        ]}
      />
      {toAccount ? (
        <SelectField
          form={form}
          idp="gr-new"
          name="accountId"
          label="admin.grants.account"
          required
          options={accounts.map((a) => ({ value: a.id, label: `${a.displayName}(${t(`role.${a.role}` as MessageKey)})` }))}
        />
      ) : (
        <SelectField form={form} idp="gr-new" name="facilityId" label="admin.grants.facility" required options={facilities.map((f) => ({ value: f.id, label: f.name }))} />
      )}
      <CheckGroup form={form} idp="gr-new" name="metrics" label="admin.grants.metrics" options={METRIC_NAMES.map((m) => ({ value: m, label: metricLabel(m) }))} />
      <TextField form={form} idp="gr-new" name="dataFrom" type="datetime-local" label="admin.grants.dataFrom" help="admin.grants.windowHelp" />
      <TextField form={form} idp="gr-new" name="dataTo" type="datetime-local" label="admin.grants.dataTo" />
      {toAccount && <CheckField form={form} idp="gr-new" name="proxy" label="admin.grants.proxy" help="admin.grants.proxyHelp" />}
      <SubmitRow form={form} label="admin.grants.submit" />
    </form>
  );
}
