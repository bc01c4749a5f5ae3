-- Up Migration
-- One secret per device, stored only as a PBKDF2-SHA512 hash in Mosquitto's "$7$" password-file
-- format, so the broker's password file can be generated from the registry without plaintext.
ALTER TABLE devices
  ADD COLUMN credential_hash text CHECK (credential_hash ~ '^\$7\$[0-9]+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$'),
  ADD COLUMN credential_rotated_at timestamptz;

-- Down Migration
ALTER TABLE devices DROP COLUMN credential_rotated_at, DROP COLUMN credential_hash;
