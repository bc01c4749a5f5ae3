// The /v1 routes that are not about one person, as a table: who may call them, and what success is.
import type { Role } from '../../core/src/index.js';
import { uniqueId } from './env.js';

export type Caller = Role | 'operator';
export const CALLERS: Caller[] = ['self', 'family', 'care_staff', 'program_staff', 'admin', 'operator'];
export const ADMINS: Caller[] = ['admin', 'operator'];
export const ACCOUNTS: Caller[] = ['self', 'family', 'care_staff', 'program_staff', 'admin'];

export interface RoleRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Placeholders (:facility, :scratchPerson, :scratchDevice, :familyAccount) are filled in per call. */
  path: string;
  /** Who succeeds, and with which status; everyone else gets 403. */
  allowed: Caller[];
  ok: number;
  body?: (ctx: { facilityId: string }) => unknown;
  /** The call is a change and must leave an audit row. */
  audited?: boolean;
}

const r = (
  method: RoleRoute['method'],
  path: string,
  allowed: Caller[],
  ok: number,
  more: Pick<RoleRoute, 'body' | 'audited'> = {},
): RoleRoute => ({ method, path, allowed, ok, ...more });

const facility = () => ({ code: uniqueId('f-'), name: '施設', municipality: '静岡市', prefecture: '静岡県' });
const changed = { audited: true };

export const ROLE_ROUTES: RoleRoute[] = [
  r('GET', '/v1/facilities', ADMINS, 200),
  r('POST', '/v1/facilities', ADMINS, 201, { body: facility, ...changed }),
  r('PATCH', '/v1/facilities/:facility', ADMINS, 200, { body: () => ({ municipality: '静岡市' }), ...changed }),
  r('POST', '/v1/persons', ADMINS, 201, {
    body: ({ facilityId }) => ({ facilityId, familyName: '試験', givenName: '次郎', careLevel: 'support_1' }),
    ...changed,
  }),
  r('PATCH', '/v1/persons/:scratchPerson', ADMINS, 200, { body: () => ({ dailyStepGoal: 3000 }), ...changed }),
  r('GET', '/v1/devices', ADMINS, 200),
  r('POST', '/v1/devices', ADMINS, 201, {
    body: () => ({ id: uniqueId('dev-'), vendor: 'mimamori-sim', model: 'test' }),
    ...changed,
  }),
  r('PATCH', '/v1/devices/:scratchDevice', ADMINS, 200, { body: () => ({ retired: true }), ...changed }),
  r('POST', '/v1/devices/:scratchDevice/credentials', ADMINS, 200, changed),
  r('GET', '/v1/enrolments', ADMINS, 200),
  r('GET', '/v1/accounts', ADMINS, 200),
  r('POST', '/v1/accounts', ADMINS, 201, {
    body: () => ({ email: `${uniqueId('n')}@example.test`, displayName: '新規', role: 'family' }),
    ...changed,
  }),
  r('GET', '/v1/accounts/:familyAccount', ADMINS, 200),
  r('PATCH', '/v1/accounts/:familyAccount', ADMINS, 200, {
    body: () => ({ displayName: 'テスト family' }),
    ...changed,
  }),
  r('GET', '/v1/security/roles', ADMINS, 200),
  r('PUT', '/v1/security/roles/family', ADMINS, 200, { body: () => ({ totpRequired: false }), ...changed }),
  r('GET', '/v1/facilities/:facility/alerts', ['care_staff'], 200),
  r('GET', '/v1/facilities/:facility/roster', ['care_staff'], 200),
  r('GET', '/v1/facilities/:facility/alert-settings', ADMINS, 200),
  r('PUT', '/v1/facilities/:facility/alert-settings', ADMINS, 200, { body: () => ({ noDataHours: 6 }), ...changed }),
  r('GET', '/v1/auth/me', ACCOUNTS, 200),
  r('GET', '/v1/auth/tokens', ACCOUNTS, 200),
  r('POST', '/v1/auth/tokens', ACCOUNTS, 201, { body: () => ({ name: 'matrix' }), ...changed }),
  r('POST', '/v1/auth/totp/setup', ACCOUNTS, 200),
  // past the access check, a wrong password or code is refused by the route itself
  r('POST', '/v1/auth/totp/enable', ACCOUNTS, 400, { body: () => ({ code: '000000' }) }),
  r('POST', '/v1/auth/totp/disable', ACCOUNTS, 401, { body: () => ({ password: 'wrong password', code: '000000' }) }),
  r('POST', '/v1/auth/password', ACCOUNTS, 401, {
    body: () => ({ currentPassword: 'wrong password', newPassword: 'a new password 1' }),
  }),
  r('POST', '/v1/auth/login', CALLERS, 401, {
    body: () => ({ email: `${uniqueId('nobody')}@example.test`, password: 'wrong' }),
  }),
  r('POST', '/v1/auth/logout', ACCOUNTS, 204),
];

/** Routes that api-access-matrix.test.ts runs for every role and scenario. */
export const PERSON_ROUTES = [
  'GET /v1/persons',
  'GET /v1/persons/{id}',
  'GET /v1/persons/{id}/latest',
  'GET /v1/persons/{id}/series',
  'GET /v1/persons/{id}/daily',
  'GET /v1/persons/{id}/access-log',
  'GET /v1/persons/{id}/consents',
  'POST /v1/persons/{id}/consents',
  'POST /v1/persons/{id}/consents/{consentId}/withdraw',
  'POST /v1/persons/{id}/consents/withdraw-all',
  'GET /v1/persons/{id}/grants',
  'POST /v1/persons/{id}/grants',
  'POST /v1/persons/{id}/grants/{grantId}/revoke',
];

/** Programme staff's cohort analysis (rule `cohort`): every other caller gets 403. */
export const ANALYSIS_ROUTES = ['GET /v1/analysis/effect', 'GET /v1/analysis/daily.csv'];

/** The step contest: a person's entry (rule `manage`) and the leaderboard (any account). */
export const CONTEST_ROUTES = [
  'GET /v1/persons/{id}/contest',
  'PUT /v1/persons/{id}/contest',
  'DELETE /v1/persons/{id}/contest',
  'GET /v1/contest/leaderboard',
];

/** Routes with a test of their own for every caller in api-access-roles.test.ts. */
export const OTHER_COVERED_ROUTES = [
  // tests/integration/api-alerts.test.ts
  'POST /v1/alerts/{id}/acknowledge',
  'POST /v1/alerts/{id}/resolve',
  'POST /v1/enrolments',
  'POST /v1/enrolments/{id}/end',
  'DELETE /v1/auth/tokens/{id}',
  'PUT /v1/security/roles/{role}',
  // every caller in tests/integration/api-events.test.ts (a stream: not for app.inject)
  'GET /v1/events',
  // every caller in analysis-api.test.ts and contest-api.test.ts
  ...ANALYSIS_ROUTES,
  ...CONTEST_ROUTES,
];
