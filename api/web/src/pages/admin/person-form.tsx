// Registering a person, and changing one (only the fields changed are sent).
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/i18n.js';
import { api, post } from '../../lib/api-client.js';
import { FormAlert, SelectField, SubmitRow, TextField } from './fields.js';
import { CARE_LEVELS, CreatePersonBodySchema, UpdatePersonBodySchema, type Facility, type Person } from './schemas.js';
import { opt, optNumber, useForm, type FormApi } from './use-form.js';

type PersonValues = {
  facilityId: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  sex: string;
  careLevel: string;
  dailyStepGoal: string;
};
const blank: PersonValues = {
  facilityId: '',
  familyName: '',
  givenName: '',
  familyNameKana: '',
  givenNameKana: '',
  birthDate: '',
  sex: '',
  careLevel: '',
  dailyStepGoal: '',
};

const choices = { facilityId: { choice: true }, careLevel: { choice: true }, sex: { choice: true } };
export const careLevelLabel = (c: string) => t(`admin.careLevel.${c}` as MessageKey);
const body = (v: PersonValues) => ({
  facilityId: opt(v.facilityId),
  familyName: v.familyName.trim(),
  givenName: v.givenName.trim(),
  familyNameKana: opt(v.familyNameKana),
  givenNameKana: opt(v.givenNameKana),
  birthDate: opt(v.birthDate),
  sex: opt(v.sex),
  careLevel: opt(v.careLevel),
  dailyStepGoal: optNumber(v.dailyStepGoal),
});

function PersonFields({ form, idp, facilities, edit }: { form: FormApi<PersonValues>; idp: string; facilities: Facility[]; edit: boolean }) {
  return (
    <>
      <FormAlert form={form} />
      <SelectField form={form} idp={idp} name="facilityId" label="admin.persons.facility" required options={facilities.map((f) => ({ value: f.id, label: f.name }))} />
      <div class="ad-pair">
        <TextField form={form} idp={idp} name="familyName" label="admin.persons.familyName" required />
        <TextField form={form} idp={idp} name="givenName" label="admin.persons.givenName" required />
      </div>
      <div class="ad-pair">
        <TextField form={form} idp={idp} name="familyNameKana" label="admin.persons.familyNameKana" help={edit ? 'admin.persons.keepHelp' : undefined} />
        <TextField form={form} idp={idp} name="givenNameKana" label="admin.persons.givenNameKana" help={edit ? 'admin.persons.keepHelp' : undefined} />
      </div>
      <TextField form={form} idp={idp} name="birthDate" type="date" label="admin.persons.birthDate" help={edit ? 'admin.persons.keepHelp' : undefined} />
      <SelectField
        form={form}
        idp={idp}
        name="sex"
        label="admin.persons.sex"
        placeholder={edit ? 'admin.persons.keep' : 'admin.persons.sexUnknown'}
        options={(['female', 'male', 'other'] as const).map((s) => ({ value: s, label: t(`admin.sex.${s}`) }))}
      />
      <SelectField form={form} idp={idp} name="careLevel" label="admin.persons.careLevel" required options={CARE_LEVELS.map((c) => ({ value: c, label: careLevelLabel(c) }))} />
      <TextField form={form} idp={idp} name="dailyStepGoal" type="number" inputMode="numeric" label="admin.persons.stepGoal" help="admin.persons.stepGoalHelp" />
    </>
  );
}

export function CreatePersonForm({ facilities, onCreated }: { facilities: Facility[]; onCreated: (p: Person) => void }) {
  const form = useForm({
    initial: { ...blank, facilityId: facilities.length === 1 ? facilities[0]!.id : '' },
    schema: CreatePersonBodySchema,
    toBody: body,
    send: (b) => post<Person>('/v1/persons', b),
    hints: choices,
    server: { reference: { field: 'facilityId', key: 'admin.err.facilityGone' } },
    done: (p) => onCreated(p as Person),
  });
  return (
    <form ref={form.ref} class="card ad-form" noValidate onSubmit={form.submit} aria-labelledby="per-new-title">
      <h2 id="per-new-title">{t('admin.persons.new')}</h2>
      <PersonFields form={form} idp="per-new" facilities={facilities} edit={false} />
      <SubmitRow form={form} label="admin.persons.submit" />
    </form>
  );
}

export function EditPersonForm({ person, facilities, onDone }: { person: Person; facilities: Facility[]; onDone: (p: Person | null) => void }) {
  const initial: PersonValues = {
    ...blank,
    facilityId: person.facility.id,
    familyName: person.familyName,
    givenName: person.givenName,
    careLevel: person.careLevel,
    dailyStepGoal: person.dailyStepGoal === null ? '' : String(person.dailyStepGoal),
  };
  const form = useForm({
    initial,
    schema: UpdatePersonBodySchema,
    // send only what changed; an emptied step goal clears it
    toBody: (v) => {
      const b: Record<string, unknown> = body(v);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(b) as Array<keyof PersonValues>) {
        if (v[k] === initial[k]) continue;
        out[k] = k === 'dailyStepGoal' && v[k].trim() === '' ? null : b[k];
      }
      return out;
    },
    hints: choices,
    send: (b) => api<Person>('PATCH', `/v1/persons/${person.id}`, { body: b }),
    keep: true,
    done: (p) => onDone(p as Person),
  });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <form ref={form.ref} class="card ad-form ad-edit" noValidate onSubmit={form.submit} aria-labelledby="per-edit-title">
      <h2 id="per-edit-title" ref={heading} tabIndex={-1}>
        {t('admin.persons.editOf', { name: `${person.familyName} ${person.givenName}` })}
      </h2>
      <PersonFields form={form} idp="per-edit" facilities={facilities} edit />
      <SubmitRow form={form} label="admin.form.save" onCancel={() => onDone(null)} />
    </form>
  );
}
