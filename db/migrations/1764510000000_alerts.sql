-- Up Migration
-- Alerts for care staff. At most one unresolved alert per person and kind: an alert is raised once,
-- not at every evaluation, and clears (or is resolved by staff) before it can be raised again.
CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons(id),
  facility_id uuid NOT NULL REFERENCES facilities(id),
  kind text NOT NULL CHECK (kind IN ('no_data', 'battery_low', 'steps_decline', 'resting_hr_rise', 'low_spo2', 'fever')),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'acknowledged', 'resolved')),
  detail jsonb NOT NULL DEFAULT '{}',
  raised_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES accounts(id),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES accounts(id),
  -- 'cleared': the condition ended by itself; 'staff': a staff member resolved it
  resolution text CHECK (resolution IN ('cleared', 'staff')),
  note text CHECK (length(note) <= 1000)
);
CREATE UNIQUE INDEX alerts_one_unresolved ON alerts (person_id, kind) WHERE state <> 'resolved';
CREATE INDEX alerts_facility_idx ON alerts (facility_id, state, raised_at DESC);

-- Thresholds per facility; missing keys fall back to the defaults in code (METRICS.md).
CREATE TABLE alert_settings (
  facility_id uuid PRIMARY KEY REFERENCES facilities(id),
  settings jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES accounts(id)
);

-- Down Migration
DROP TABLE alert_settings;
DROP TABLE alerts;
