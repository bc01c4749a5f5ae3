/** Account roles (DESIGN.md §4). */
export const ROLES = ['self', 'family', 'care_staff', 'program_staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles of staff accounts, for whom two-factor sign-in is expected. */
export const STAFF_ROLES: readonly Role[] = ['care_staff', 'program_staff', 'admin'];

/** Purposes a person consents to, one at a time. */
export const CONSENT_PURPOSES = ['care', 'family', 'research', 'contest'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
