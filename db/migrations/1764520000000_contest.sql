-- Up Migration
-- The step contest: a person opts in under a nickname. Taking part also needs an active `contest`
-- consent (checked on every read, so a withdrawal removes the person from the next leaderboard).
-- Rows are kept when a person leaves (left_at), so who took part, and under which name, stays provable.
CREATE TABLE contest_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons(id),
  nickname text NOT NULL CHECK (length(nickname) BETWEEN 1 AND 20),
  -- first local day that counts; the baseline is the 14 days before it
  starts_on date NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  joined_by uuid REFERENCES accounts(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  left_by uuid REFERENCES accounts(id)
);
CREATE UNIQUE INDEX contest_entries_one_active ON contest_entries (person_id) WHERE left_at IS NULL;
CREATE UNIQUE INDEX contest_entries_nickname_key ON contest_entries (lower(nickname)) WHERE left_at IS NULL;

-- Down Migration
DROP TABLE contest_entries;
