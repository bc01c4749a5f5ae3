import type { Queryable } from './queryable.js';
import type { Role } from './roles.js';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  facilityId: string | null;
  personId: string | null;
  totpEnabled: boolean;
  disabled: boolean;
  createdAt: Date;
}

/** An account with its secrets, for signing in; never leaves the api. */
export interface AccountSecrets extends Account {
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number | null;
}

const COLUMNS = `a.id, a.email, a.display_name, a.role, a.facility_id, a.person_id, a.totp_enabled_at,
  a.disabled_at, a.created_at, a.password_hash, a.totp_secret, a.totp_last_step`;

type Row = {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  facility_id: string | null;
  person_id: string | null;
  totp_enabled_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
  password_hash: string | null;
  totp_secret: string | null;
  totp_last_step: number | null;
};

function toAccount(r: Row): Account {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    facilityId: r.facility_id,
    personId: r.person_id,
    totpEnabled: r.totp_enabled_at !== null,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  };
}

const toSecrets = (r: Row): AccountSecrets => ({
  ...toAccount(r),
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
});

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewAccount {
  email: string;
  displayName: string;
  role: Role;
  facilityId?: string | null;
  personId?: string | null;
  passwordHash: string;
}

/** Creates an account; a duplicate e-mail violates `accounts_email_key` (23505). */
export async function createAccount(db: Queryable, a: NewAccount): Promise<Account> {
  const { rows } = await db.query<Row>(
    `INSERT INTO accounts AS a (email, display_name, role, facility_id, person_id, password_hash, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING ${COLUMNS}`,
    [normaliseEmail(a.email), a.displayName, a.role, a.facilityId ?? null, a.personId ?? null, a.passwordHash],
  );
  return toAccount(rows[0]!);
}

export async function getAccount(db: Queryable, id: string): Promise<Account | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM accounts a WHERE a.id = $1`, [id]);
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function getAccountSecrets(db: Queryable, id: string): Promise<AccountSecrets | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM accounts a WHERE a.id = $1`, [id]);
  return rows[0] ? toSecrets(rows[0]) : null;
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<AccountSecrets | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM accounts a WHERE a.email = $1`, [normaliseEmail(email)]);
  return rows[0] ? toSecrets(rows[0]) : null;
}

export async function listAccounts(db: Queryable, opts: { role?: Role; limit: number; offset: number }) {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM accounts a WHERE ($1::text IS NULL OR a.role = $1)
      ORDER BY a.created_at, a.id LIMIT $2 OFFSET $3`,
    [opts.role ?? null, opts.limit, opts.offset],
  );
  return rows.map(toAccount);
}

export interface AccountChanges {
  displayName?: string;
  facilityId?: string;
  disabled?: boolean;
  passwordHash?: string;
  resetTotp?: boolean;
}

/** Applies the changes; returns null for an unknown account. */
export async function updateAccount(db: Queryable, id: string, c: AccountChanges): Promise<Account | null> {
  const { rows } = await db.query<Row>(
    `UPDATE accounts a SET
       display_name = COALESCE($2, display_name),
       facility_id = COALESCE($3, facility_id),
       disabled_at = CASE WHEN $4::boolean IS NULL THEN disabled_at WHEN $4 THEN COALESCE(disabled_at, now()) ELSE NULL END,
       password_hash = COALESCE($5, password_hash),
       password_changed_at = CASE WHEN $5::text IS NULL THEN password_changed_at ELSE now() END,
       totp_secret = CASE WHEN $6 THEN NULL ELSE totp_secret END,
       totp_enabled_at = CASE WHEN $6 THEN NULL ELSE totp_enabled_at END,
       totp_last_step = CASE WHEN $6 THEN NULL ELSE totp_last_step END,
       updated_at = now()
     WHERE a.id = $1 RETURNING ${COLUMNS}`,
    [id, c.displayName ?? null, c.facilityId ?? null, c.disabled ?? null, c.passwordHash ?? null, c.resetTotp === true],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

/** Stores a TOTP secret not yet confirmed (replacing an unconfirmed one). */
export async function setPendingTotp(db: Queryable, id: string, secret: string): Promise<void> {
  await db.query(`UPDATE accounts SET totp_secret = $2, updated_at = now() WHERE id = $1 AND totp_enabled_at IS NULL`, [
    id,
    secret,
  ]);
}

/** Marks TOTP as confirmed, or records the time step a code was accepted at (no replay). */
export async function acceptTotpStep(db: Queryable, id: string, step: number): Promise<void> {
  await db.query(
    `UPDATE accounts SET totp_enabled_at = COALESCE(totp_enabled_at, now()), totp_last_step = $2, updated_at = now()
      WHERE id = $1`,
    [id, step],
  );
}
