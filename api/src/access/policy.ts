// The one place that decides who may do what. Pure: facts come in, a decision goes out.
import {
  METRIC_NAMES,
  type GrantFact,
  type MetricName,
  type PersonAccessFacts,
  type Role,
} from '../../../core/src/index.js';

export interface Caller {
  /** null for the operator token (an admin without an account). */
  accountId: string | null;
  role: Role;
  facilityId: string | null;
  /** The person a `self` account belongs to. */
  personId: string | null;
  /** Two-factor sign-in is required for the role but not set up yet. */
  restricted: boolean;
}

/** What a route is about; every /v1 route declares one (app start fails otherwise). */
export type RouteAccess =
  | 'public' // signing in
  | 'account' // the caller's own account
  | 'account-setup' // own account, allowed while two-factor setup is still pending
  | 'admin' // registry and account management
  | 'persons.list' // a list filtered person by person with decidePerson
  | 'cohort' // pseudonymised cohort of people with research consent
  | 'facility.care' // a facility's residents (`:id` is the facility): its care staff only
  | 'care' // care staff acting on their own facility's records (the handler checks which)
  | { person: PersonAction };

/** profile: name and registry data; vitals: readings; manage: consents and grants. */
export type PersonAction = 'profile' | 'vitals' | 'access_log' | 'manage';

export interface DataWindow {
  fromMs: number | null;
  toMs: number | null;
}

export interface Allowed {
  allow: true;
  via: 'role' | 'self' | 'registry' | 'proxy' | 'account_grant' | 'facility_grant';
  metrics: readonly MetricName[];
  window: DataWindow;
}

export interface Denied {
  allow: false;
  status: 403 | 404;
  code: string;
  message: string;
}

export type Decision = Allowed | Denied;

const OPEN: DataWindow = { fromMs: null, toMs: null };
const allowAll = (via: Allowed['via']): Allowed => ({ allow: true, via, metrics: METRIC_NAMES, window: OPEN });
const forbid = (code: string, message: string): Denied => ({ allow: false, status: 403, code, message });
/** The same answer as for an id nobody has: the caller learns nothing about the person. */
const hide = (personId: string): Denied => ({
  allow: false,
  status: 404,
  code: 'not_found',
  message: `no person ${personId}`,
});

const IDENTIFIED = forbid('identified_data_forbidden', 'programme staff see pseudonymised cohort data only');

/** Role-level part of a route's rule (person-level parts follow in decidePerson). */
export function decideRoute(c: Caller, access: RouteAccess): Decision {
  if (access === 'public') return allowAll('role');
  if (c.restricted && access !== 'account-setup') {
    return forbid('totp_setup_required', 'your role requires two-factor sign-in: set it up under /v1/auth/totp first');
  }
  if (access === 'account' || access === 'account-setup') {
    return c.accountId ? allowAll('role') : forbid('no_account', 'the operator token has no account of its own');
  }
  if (access === 'admin') return c.role === 'admin' ? allowAll('role') : forbid('forbidden', 'admins only');
  if (access === 'facility.care' || access === 'care') {
    return c.role === 'care_staff' ? allowAll('role') : forbid('forbidden', 'care staff only');
  }
  if (access === 'cohort') {
    return c.role === 'program_staff' ? allowAll('role') : forbid('forbidden', 'programme staff only');
  }
  return c.role === 'program_staff' ? IDENTIFIED : allowAll('role');
}

const active = (grants: GrantFact[]) => grants.find((g) => !g.revoked);

/** Whether the caller may know the person exists: then a refusal is 403, else 404. */
function mayKnow(c: Caller, f: PersonAccessFacts): boolean {
  if (c.role === 'admin') return true;
  if (c.role === 'care_staff') return c.facilityId === f.facilityId;
  return f.accountGrants.length > 0;
}

/** Family-style sharing (account grants) or facility sharing (care staff), each under its consent. */
function viaSharing(c: Caller, f: PersonAccessFacts): Decision {
  if (!mayKnow(c, f)) return hide(f.personId);
  const staff = c.role === 'care_staff';
  const purpose = staff ? 'care' : 'family';
  if (!f.activeConsents.includes(purpose)) {
    return forbid('no_consent', `the person has no active ${purpose} consent`);
  }
  const grant = active(staff ? f.facilityGrants : f.accountGrants);
  if (!grant) return forbid('not_granted', 'the person shares no data with you (any more)');
  return {
    allow: true,
    via: staff ? 'facility_grant' : 'account_grant',
    metrics: METRIC_NAMES.filter((m) => grant.metrics.includes(m)),
    window: { fromMs: grant.dataFromMs, toMs: grant.dataToMs },
  };
}

/**
 * Decides one action on one person. `facts` is undefined when nobody has that id. Checked in
 * this order: programme staff never see identified data; the person always sees their own;
 * admins manage the registry (no vitals); a proxy manages consents and grants; everything
 * else needs an active consent and an active grant.
 */
export function decidePerson(
  c: Caller,
  facts: PersonAccessFacts | undefined,
  action: PersonAction,
  personId: string,
): Decision {
  if (c.role === 'program_staff') return IDENTIFIED;
  if (!facts) return hide(personId);
  if (c.role === 'self' && c.personId === facts.personId) return allowAll('self');
  const admin = c.role === 'admin';
  const proxy = c.role !== 'care_staff' && active(facts.accountGrants)?.proxy === true;
  const refuse = () =>
    mayKnow(c, facts) ? forbid('forbidden', 'you may not do this for this person') : hide(personId);
  switch (action) {
    case 'manage':
      return admin ? allowAll('registry') : proxy ? allowAll('proxy') : refuse();
    case 'profile':
      return admin ? allowAll('registry') : viaSharing(c, facts);
    case 'access_log':
      if (admin) return allowAll('registry');
      if (proxy) return allowAll('proxy');
      return c.role === 'care_staff' ? refuse() : viaSharing(c, facts);
    case 'vitals':
      return viaSharing(c, facts);
  }
}

/** The part of a series request the decision lets through: the metric and the clipped range. */
export function seriesScope(d: Allowed, metric: MetricName, fromMs: number, toMs: number): Denied | DataWindowRange {
  if (!d.metrics.includes(metric)) return forbid('metric_not_granted', `${metric} is not shared with you`);
  const from = Math.max(fromMs, d.window.fromMs ?? -Infinity);
  const to = Math.min(toMs, d.window.toMs ?? Infinity);
  if (!(from < to)) return forbid('outside_shared_window', 'the requested range lies outside the shared time window');
  return { allow: true, fromMs: from, toMs: to };
}

export interface DataWindowRange {
  allow: true;
  fromMs: number;
  toMs: number;
}

/** Whether a person appears in the caller's list of people. */
export const listsPerson = (c: Caller, facts: PersonAccessFacts): boolean =>
  decidePerson(c, facts, 'profile', facts.personId).allow;

/** Admins see the whole registry (names, not vitals), so their lists need no per-person check. */
export const listsEveryone = (c: Caller): boolean => c.role === 'admin';
