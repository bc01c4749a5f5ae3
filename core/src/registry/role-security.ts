import type { Queryable } from './queryable.js';
import { ROLES, type Role } from './roles.js';

export interface RoleSecurity {
  role: Role;
  totpRequired: boolean;
}

/** Security settings of every role (roles never configured require nothing). */
export async function listRoleSecurity(db: Queryable): Promise<RoleSecurity[]> {
  const { rows } = await db.query<{ role: Role; totp_required: boolean }>(
    'SELECT role, totp_required FROM role_security',
  );
  const byRole = new Map(rows.map((r) => [r.role, r.totp_required]));
  return ROLES.map((role) => ({ role, totpRequired: byRole.get(role) ?? false }));
}

export async function setRoleTotpRequired(db: Queryable, role: Role, required: boolean, by: string | null) {
  await db.query(
    `INSERT INTO role_security (role, totp_required, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (role) DO UPDATE SET totp_required = EXCLUDED.totp_required, updated_by = EXCLUDED.updated_by,
       updated_at = now()`,
    [role, required, by],
  );
}

export async function isTotpRequired(db: Queryable, role: Role): Promise<boolean> {
  const { rows } = await db.query<{ totp_required: boolean }>(
    'SELECT totp_required FROM role_security WHERE role = $1',
    [role],
  );
  return rows[0]?.totp_required ?? false;
}
