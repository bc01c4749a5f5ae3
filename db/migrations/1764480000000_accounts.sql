-- Up Migration
-- Accounts of people who sign in (DESIGN.md §4 roles), their sessions and personal API tokens.
-- Passwords are argon2id PHC strings; session ids and API tokens are random and stored only as
-- SHA-256 digests, so a copy of this database signs nobody in.
CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('self', 'family', 'care_staff', 'program_staff', 'admin')),
  -- care staff belong to one facility; a `self` account is one person's own
  facility_id uuid REFERENCES facilities(id),
  person_id uuid REFERENCES persons(id),
  password_hash text CHECK (password_hash LIKE '$argon2id$%'),
  password_changed_at timestamptz,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'care_staff') = (facility_id IS NOT NULL)),
  CHECK ((role = 'self') = (person_id IS NOT NULL)),
  CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL)
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
CREATE UNIQUE INDEX accounts_self_person_key ON accounts (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash bytea NOT NULL UNIQUE,
  account_id uuid NOT NULL REFERENCES accounts(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  client_address text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash bytea NOT NULL UNIQUE,
  -- first characters of the token, so its owner can tell tokens apart
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_account_idx ON api_tokens (account_id);

-- Failed sign-ins per e-mail address (hashed), known or not, so a lock-out tells nothing about
-- which addresses have accounts.
CREATE TABLE login_throttle (
  key_hash text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Per-role security settings chosen by an admin (two-factor sign-in required or not).
CREATE TABLE role_security (
  role text PRIMARY KEY CHECK (role IN ('self', 'family', 'care_staff', 'program_staff', 'admin')),
  totp_required boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES accounts(id)
);

-- Secrets the api replicas share (the cookie-signing key), generated here, never in the repo.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO server_secrets (name, value)
VALUES ('cookie', replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

-- Down Migration
DROP TABLE server_secrets;
DROP TABLE role_security;
DROP TABLE login_throttle;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE accounts;
