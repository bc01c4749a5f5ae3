// npm run broker:sync: writes the devices' broker accounts from the registry (their Mosquitto
// "$7$" hashes; secrets are never stored) and makes the running broker reload them (SIGHUP).
// Service accounts come from scripts/stack.sh. MIMAMORI_DATA_DIR selects the stack (default .data).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createPgPool, listDeviceCredentialHashes, loadConfigOrExit, postgresFragment } from '../core/src/index.js';

const config = loadConfigOrExit(
  z.object({ ...postgresFragment, MIMAMORI_DATA_DIR: z.string().default(resolve(process.cwd(), '.data')) }),
  'broker-sync',
);
const dir = resolve(config.MIMAMORI_DATA_DIR, 'mosquitto');
const pool = createPgPool(config.DATABASE_URL, 1);
try {
  const devices = await listDeviceCredentialHashes(pool);
  const write = (file: string, text: string) => {
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  write(`${dir}/device-passwd`, devices.map((d) => `${d.deviceId}:${d.hash}\n`).join(''));
  write(`${dir}/passwd`, readFileSync(`${dir}/service-passwd`, 'utf8') + readFileSync(`${dir}/device-passwd`, 'utf8'));
  const pidFile = resolve(config.MIMAMORI_DATA_DIR, 'run/mosquitto.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGHUP');
    console.log(`broker accounts: ${devices.length} device(s) written; broker (pid ${pid}) reloaded`);
  } else {
    // a broker in a container (docker-compose.yml): its operator reloads it (docs/operations.md)
    console.log(`broker accounts: ${devices.length} device(s) written to ${dir}/passwd; no local broker to reload (compose: docker compose kill -s HUP mosquitto)`);
  }
} finally {
  await pool.end();
}
