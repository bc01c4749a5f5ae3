import { isCareLevel, type CareLevel } from './care-levels.js';

/** mmr-w-0001..mmr-w-NNNN, the pilot watches of scripts/seed-data.ts. */
export function defaultDeviceIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `mmr-w-${String(i + 1).padStart(4, '0')}`);
}

/** The part of a pg pool this module needs. */
export interface Queryable {
  query<R extends object>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Devices with an enrolment valid at `atMs` and not retired, ordered by id, at most `limit`, with
 * the care level of the person wearing each.
 */
export async function enrolledDevices(db: Queryable, limit: number, atMs = Date.now()) {
  const { rows } = await db.query<{ id: string; care_level?: string }>(
    `SELECT d.id, p.care_level
       FROM devices d
       JOIN enrolments e ON e.device_id = d.id AND e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to > $2)
       JOIN persons p ON p.id = e.person_id
      WHERE d.retired_at IS NULL
      ORDER BY d.id
      LIMIT $1`,
    [limit, new Date(atMs)],
  );
  return rows;
}

export interface DeviceChoice {
  ids: string[];
  from: 'cli' | 'registry' | 'default';
  /** Care levels the registry knows (profiles draw the others). */
  careLevels: Map<string, CareLevel>;
}

/**
 * Which watches to simulate: --devices when given; else the registry when a database is
 * configured (and --no-registry is not set); else mmr-w-0001..N as seeded.
 */
export async function chooseDevices(
  cli: { devices: string[] | null; registry: boolean; watches: number },
  registry: { connect: () => Queryable & { end(): Promise<void> } } | null,
): Promise<DeviceChoice> {
  if (cli.devices) return { ids: cli.devices, from: 'cli', careLevels: new Map() };
  if (!cli.registry || !registry) return { ids: defaultDeviceIds(cli.watches), from: 'default', careLevels: new Map() };
  const db = registry.connect();
  try {
    const rows = await enrolledDevices(db, cli.watches);
    if (rows.length === 0) {
      throw new Error(
        'the registry has no device with an enrolment valid now: run `npm run seed`, or pass --no-registry or --devices',
      );
    }
    const careLevels = new Map<string, CareLevel>();
    for (const r of rows) if (isCareLevel(r.care_level)) careLevels.set(r.id, r.care_level);
    return { ids: rows.map((r) => r.id), from: 'registry', careLevels };
  } finally {
    await db.end();
  }
}
