-- Up Migration
-- Registry of the pilot: who wears which watch when. Names live only here; InfluxDB sees `pseudonym`.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE facilities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name text NOT NULL,
  municipality text NOT NULL,
  prefecture text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- random, unrelated to any identifier; the only person key InfluxDB ever sees
  pseudonym text NOT NULL UNIQUE DEFAULT ('p' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 24)),
  facility_id uuid NOT NULL REFERENCES facilities(id),
  family_name text NOT NULL,
  given_name text NOT NULL,
  family_name_kana text,
  given_name_kana text,
  birth_date date,
  sex text CHECK (sex IN ('female', 'male', 'other')),
  -- 要支援1-2, 要介護1-5
  care_level text NOT NULL CHECK (care_level IN ('support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5')),
  time_zone text NOT NULL DEFAULT 'Asia/Tokyo',
  daily_step_goal integer CHECK (daily_step_goal BETWEEN 0 AND 60000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_facility_idx ON persons (facility_id);

CREATE TABLE devices (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  vendor text NOT NULL,
  model text NOT NULL,
  wire_format text NOT NULL DEFAULT 'canonical',
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

CREATE TABLE enrolments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id text NOT NULL REFERENCES devices(id),
  person_id uuid NOT NULL REFERENCES persons(id),
  valid_from timestamptz NOT NULL,
  valid_to timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to > valid_from),
  -- a watch is worn by one person at a time
  EXCLUDE USING gist (device_id WITH =, tstzrange(valid_from, valid_to, '[)') WITH &&)
);
CREATE INDEX enrolments_person_idx ON enrolments (person_id);

-- Append-only record of reads of a person's data and of changes (the access-control issue extends it).
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  action text NOT NULL,
  person_id uuid REFERENCES persons(id),
  metrics text[],
  detail jsonb,
  client_address text,
  request_id text
);
CREATE INDEX audit_log_person_idx ON audit_log (person_id, at);

-- Down Migration
DROP TABLE audit_log;
DROP TABLE enrolments;
DROP TABLE devices;
DROP TABLE persons;
DROP TABLE facilities;
