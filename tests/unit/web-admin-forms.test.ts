// The admin forms' messages: every issue of the API's own schemas becomes a plain message on its field,
// and error answers of the API land on the field they concern.
import { describe, expect, it } from 'vitest';
import { ja } from '../../api/web/src/i18n/ja.js';
import { ApiError } from '../../api/web/src/lib/api-client.js';
import { explainServerError } from '../../api/web/src/pages/admin/server-errors.js';
import { issuesByField } from '../../api/web/src/pages/admin/zod-messages.js';
import {
  CreateAccountBodySchema,
  CreateDeviceBodySchema,
  CreateFacilityBodySchema,
  CreateGrantBodySchema,
  CreatePersonBodySchema,
  RecordConsentBodySchema,
} from '../../api/web/src/pages/admin/schemas.js';

const problems = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: unknown[] } } }, body: unknown, hints = {}) => {
  const r = schema.safeParse(body);
  expect(r.success).toBe(false);
  const fields = issuesByField(r.error!.issues as never, hints);
  for (const m of Object.values(fields)) expect(ja[m.key], m.key).toBeTruthy();
  return Object.fromEntries(Object.entries(fields).map(([k, m]) => [k, m.vars ? [m.key, m.vars] : m.key]));
};

describe('zod issues in plain words', () => {
  it('facility: required fields, the code pattern with its own explanation, lengths', () => {
    expect(
      problems(CreateFacilityBodySchema, { code: 'Aoi Home', name: '', municipality: 'x'.repeat(101), prefecture: '静岡県' }, { code: { pattern: 'admin.err.facilityCode' } }),
    ).toEqual({ code: 'admin.err.facilityCode', name: 'admin.err.required', municipality: ['admin.err.maxLength', { n: 100 }] });
  });

  it('person: unchosen selects, a fractional or out-of-range step goal, a malformed date', () => {
    expect(
      problems(
        CreatePersonBodySchema,
        { facilityId: undefined, familyName: '静岡', givenName: '', careLevel: undefined, dailyStepGoal: 2.5, birthDate: '1940-13-01' },
        { facilityId: { choice: true } },
      ),
    ).toEqual({ facilityId: 'admin.err.choose', givenName: 'admin.err.required', careLevel: 'admin.err.choose', dailyStepGoal: 'admin.err.integer', birthDate: 'admin.err.date' });
    expect(problems(CreatePersonBodySchema, { facilityId: 'x', familyName: 'a', givenName: 'b', careLevel: 'care_9', dailyStepGoal: 70000 })).toEqual({
      facilityId: 'admin.err.choose',
      careLevel: 'admin.err.choose',
      dailyStepGoal: ['admin.err.maxNumber', { n: 60000 }],
    });
    expect(problems(CreatePersonBodySchema, { facilityId: crypto.randomUUID(), familyName: 'a', givenName: 'b', careLevel: 'care_1', dailyStepGoal: Number('abc') })).toEqual({
      dailyStepGoal: 'admin.err.number',
    });
  });

  it('device id pattern; account refinements on the field they name; e-mail; password length', () => {
    expect(problems(CreateDeviceBodySchema, { id: '-bad id', vendor: 'v', model: 'm' }, { id: { pattern: 'admin.err.deviceId' } })).toEqual({ id: 'admin.err.deviceId' });
    expect(
      problems(CreateAccountBodySchema, { email: 'not-an-address', displayName: 'x', role: 'care_staff', password: 'short' }, { facilityId: { custom: 'admin.err.facilityForCareStaff' } }),
    ).toEqual({ email: 'admin.err.email', facilityId: 'admin.err.facilityForCareStaff', password: ['admin.err.minLength', { n: 10 }] });
  });

  it('consent by proxy without a name; grant without metrics and with an inverted window', () => {
    expect(problems(RecordConsentBodySchema, { purpose: 'care', documentVersion: 'v1', givenBy: 'proxy' }, { proxyName: { custom: 'admin.err.proxyName' } })).toEqual({
      proxyName: 'admin.err.proxyName',
    });
    expect(
      problems(
        CreateGrantBodySchema,
        { grantee: { facilityId: crypto.randomUUID() }, metrics: [], dataFrom: '2026-10-02T00:00:00+09:00', dataTo: '2026-10-01T00:00:00+09:00' },
        { dataTo: { custom: 'admin.err.dataToAfterFrom' } },
      ),
    ).toEqual({ metrics: ['admin.err.chooseAtLeast', { n: 1 }], dataTo: 'admin.err.dataToAfterFrom' });
  });
});

describe('API error answers next to the right field', () => {
  it('409 on the field the form names, 400 issues on their body field, codes as sentences', () => {
    const conflict = new ApiError(409, 'conflict', 'already exists');
    expect(explainServerError(conflict, { conflict: { field: 'code', key: 'admin.err.facilityCodeTaken' } })).toEqual({
      form: { key: 'admin.err.fixFields' },
      fields: { code: { key: 'admin.err.facilityCodeTaken' } },
    });
    const invalid = new ApiError(400, 'invalid_request', 'body.grantee.accountId: bad', [{ path: 'body.grantee.accountId', message: 'Invalid UUID' }]);
    expect(explainServerError(invalid).fields).toEqual({ accountId: { key: 'admin.err.serverRejected', vars: { detail: 'Invalid UUID' } } });
    expect(explainServerError(new ApiError(400, 'cannot_disable_self', 'no'), { codes: { cannot_disable_self: 'admin.err.cannotDisableSelf' } }).form).toEqual({
      key: 'admin.err.cannotDisableSelf',
    });
    expect(explainServerError(new ApiError(403, 'forbidden', 'admins only')).form).toEqual({ key: 'admin.err.forbidden' });
    expect(explainServerError(new Error('boom')).form).toEqual({ key: 'admin.err.unexpected' });
  });
});
