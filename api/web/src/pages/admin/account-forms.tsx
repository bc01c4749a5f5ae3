// Creating an account (a generated password is shown once) and changing one.
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { api, post } from '../../lib/api-client.js';
import { CheckField, FormAlert, SelectField, SubmitRow, TextField } from './fields.js';
import { CreateAccountBodySchema, ROLES, UpdateAccountBodySchema, type Account, type Facility, type Person } from './schemas.js';
import { opt, useForm } from './use-form.js';

export const roleLabel = (r: string) => t(`role.${r}` as MessageKey);
const blank = { email: '', displayName: '', role: '', facilityId: '', personId: '', password: '' };
const accountHints = {
  role: { choice: true },
  facilityId: { custom: 'admin.err.facilityForCareStaff', choice: true },
  personId: { custom: 'admin.err.personForSelf', choice: true },
};

export function CreateAccountForm({
  facilities,
  people,
  onCreated,
}: {
  facilities: Facility[];
  people: Person[];
  onCreated: (a: Account, initialPassword: string | undefined) => void;
}) {
  const form = useForm({
    initial: blank,
    schema: CreateAccountBodySchema,
    toBody: (v) => ({
      email: v.email.trim(),
      displayName: v.displayName.trim(),
      role: opt(v.role),
      facilityId: v.role === 'care_staff' ? opt(v.facilityId) : undefined,
      personId: v.role === 'self' ? opt(v.personId) : undefined,
      password: v.password === '' ? undefined : v.password,
    }),
    send: (body) => post<{ account: Account; initialPassword?: string }>('/v1/accounts', body),
    hints: accountHints,
    server: { conflict: { field: 'email', key: 'admin.err.emailTaken' }, reference: { field: 'role', key: 'admin.err.referenceGone' } },
    done: (r) => {
      const { account, initialPassword } = r as { account: Account; initialPassword?: string };
      onCreated(account, initialPassword);
    },
  });
  const role = form.values.role;
  return (
    <form ref={form.ref} class="card ad-form" noValidate onSubmit={form.submit} aria-labelledby="acc-new-title">
      <h2 id="acc-new-title">{t('admin.accounts.new')}</h2>
      <FormAlert form={form} />
      <TextField form={form} idp="acc-new" name="email" type="email" inputMode="email" label="admin.accounts.email" required />
      <TextField form={form} idp="acc-new" name="displayName" label="admin.accounts.displayName" help="admin.accounts.displayNameHelp" required />
      <SelectField form={form} idp="acc-new" name="role" label="admin.accounts.role" required options={ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
      {role === 'care_staff' && (
        <SelectField form={form} idp="acc-new" name="facilityId" label="admin.accounts.facility" required options={facilities.map((f) => ({ value: f.id, label: f.name }))} />
      )}
      {role === 'self' && (
        <SelectField
          form={form}
          idp="acc-new"
          name="personId"
          label="admin.accounts.person"
          required
          options={people.map((p) => ({ value: p.id, label: `${p.familyName} ${p.givenName}(${p.facility.name})` }))}
        />
      )}
      <TextField form={form} idp="acc-new" name="password" type="password" autoComplete="new-password" label="admin.accounts.password" help="admin.accounts.passwordHelp" />
      <SubmitRow form={form} label="admin.accounts.submit" />
    </form>
  );
}

export function EditAccountForm({ account, facilities, onDone }: { account: Account; facilities: Facility[]; onDone: (a: Account | null) => void }) {
  const initial = { displayName: account.displayName, facilityId: account.facilityId ?? '', password: '', resetTotp: false, unlock: false };
  const form = useForm({
    initial,
    schema: UpdateAccountBodySchema,
    toBody: (v) => ({
      displayName: v.displayName.trim() === account.displayName ? undefined : v.displayName.trim(),
      facilityId: account.role === 'care_staff' && v.facilityId !== initial.facilityId ? opt(v.facilityId) : undefined,
      password: v.password === '' ? undefined : v.password,
      resetTotp: v.resetTotp ? true : undefined,
      unlock: v.unlock ? true : undefined,
    }),
    send: (body) => api<Account>('PATCH', `/v1/accounts/${account.id}`, { body }),
    keep: true,
    done: (a) => onDone(a as Account),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form ref={form.ref} class="card ad-form ad-edit" noValidate onSubmit={form.submit} aria-labelledby="acc-edit-title">
      <h2 id="acc-edit-title" ref={heading} tabIndex={-1}>
        {t('admin.accounts.editOf', { name: account.displayName })}
      </h2>
      <FormAlert form={form} />
      <TextField form={form} idp="acc-edit" name="displayName" label="admin.accounts.displayName" required />
      {account.role === 'care_staff' && (
        <SelectField form={form} idp="acc-edit" name="facilityId" label="admin.accounts.facility" required options={facilities.map((f) => ({ value: f.id, label: f.name }))} />
      )}
      <TextField form={form} idp="acc-edit" name="password" type="password" autoComplete="new-password" label="admin.accounts.newPassword" help="admin.accounts.newPasswordHelp" />
      {account.totpEnabled && <CheckField form={form} idp="acc-edit" name="resetTotp" label="admin.accounts.resetTotp" help="admin.accounts.resetTotpHelp" />}
      <CheckField form={form} idp="acc-edit" name="unlock" label="admin.accounts.unlock" help="admin.accounts.unlockHelp" />
      <SubmitRow form={form} label="admin.form.save" onCancel={() => onDone(null)} />
    </form>
  );
}
