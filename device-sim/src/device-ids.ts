/** mmr-w-0001..mmr-w-NNNN, the pilot watches of scripts/seed-data.ts. */
export function defaultDeviceIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `mmr-w-${String(i + 1).padStart(4, '0')}`);
}

/** The part of a pg pool this module needs. */
export interface Queryable {
  query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/** Devices with an enrolment valid at `atMs` and not retired, ordered by id, at most `limit`. */
export async function enrolledDeviceIds(db: Queryable, limit: number, atMs = Date.now()): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT d.id
       FROM devices d
      WHERE d.retired_at IS NULL
        AND EXISTS (SELECT 1 FROM enrolments e
                     WHERE e.device_id = d.id
                       AND e.valid_from <= $2
                       AND (e.valid_to IS NULL OR e.valid_to > $2))
      ORDER BY d.id
      LIMIT $1`,
    [limit, new Date(atMs)],
  );
  return rows.map((r) => r.id);
}

export interface DeviceChoice {
  ids: string[];
  from: 'cli' | 'registry' | 'default';
}

/**
 * Which watches to simulate: --devices when given; else the registry when a database is
 * configured (and --no-registry is not set); else mmr-w-0001..N as seeded.
 */
export async function chooseDevices(
  cli: { devices: string[] | null; registry: boolean; watches: number },
  registry: { connect: () => Queryable & { end(): Promise<void> } } | null,
): Promise<DeviceChoice> {
  if (cli.devices) return { ids: cli.devices, from: 'cli' };
  if (!cli.registry || !registry) return { ids: defaultDeviceIds(cli.watches), from: 'default' };
  const db = registry.connect();
  try {
    const ids = await enrolledDeviceIds(db, cli.watches);
    if (ids.length === 0) {
      throw new Error(
        'the registry has no device with an enrolment valid now: run `npm run seed`, or pass --no-registry or --devices',
      );
    }
    return { ids, from: 'registry' };
  } finally {
    await db.end();
  }
}
