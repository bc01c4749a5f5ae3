-- Up Migration
-- Consent per person and purpose, and the sharing grants it allows (DESIGN.md §4).
-- Rows are never deleted: withdrawal, replacement and revocation are timestamps, so the history
-- of who agreed to what, and who recorded it, stays provable.
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons(id),
  purpose text NOT NULL CHECK (purpose IN ('care', 'family', 'research', 'contest')),
  document_version text NOT NULL CHECK (length(document_version) BETWEEN 1 AND 50),
  -- the person signed, or a proxy (a family member, a guardian) on their behalf
  given_by text NOT NULL CHECK (given_by IN ('person', 'proxy')),
  proxy_name text CHECK (length(proxy_name) <= 100),
  proxy_relationship text CHECK (length(proxy_relationship) <= 50),
  given_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES accounts(id),
  superseded_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_by uuid REFERENCES accounts(id),
  CHECK ((given_by = 'proxy') = (proxy_name IS NOT NULL))
);
CREATE UNIQUE INDEX consents_active_key ON consents (person_id, purpose)
  WHERE withdrawn_at IS NULL AND superseded_at IS NULL;

-- A person shares chosen metrics with one account (family) or one facility (its care staff),
-- optionally only the data of a time window.
CREATE TABLE grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons(id),
  grantee_account_id uuid REFERENCES accounts(id),
  grantee_facility_id uuid REFERENCES facilities(id),
  metrics text[] NOT NULL CHECK (cardinality(metrics) > 0),
  data_from timestamptz,
  data_to timestamptz,
  -- the grantee may also record consents and grants for the person (a legal representative)
  proxy boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES accounts(id),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES accounts(id),
  CHECK (num_nonnulls(grantee_account_id, grantee_facility_id) = 1),
  CHECK (data_from IS NULL OR data_to IS NULL OR data_to > data_from),
  CHECK (NOT proxy OR grantee_account_id IS NOT NULL)
);
CREATE UNIQUE INDEX grants_active_account_key ON grants (person_id, grantee_account_id)
  WHERE revoked_at IS NULL AND grantee_account_id IS NOT NULL;
CREATE UNIQUE INDEX grants_active_facility_key ON grants (person_id, grantee_facility_id)
  WHERE revoked_at IS NULL AND grantee_facility_id IS NOT NULL;
CREATE INDEX grants_account_idx ON grants (grantee_account_id);

-- Set when a withdrawal of all consent erased the person's series; the row stays for the
-- consent and audit history that refer to it.
ALTER TABLE persons ADD COLUMN erased_at timestamptz;

-- Down Migration
ALTER TABLE persons DROP COLUMN erased_at;
DROP TABLE grants;
DROP TABLE consents;
