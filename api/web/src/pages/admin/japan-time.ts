// <input type="datetime-local"> values are Japan time here, whatever the browser's own zone.
const JST_OFFSET_MS = 9 * 3_600_000;

/** '2026-09-01T09:30' (Japan time) -> '2026-09-01T09:30:00+09:00'; '' stays undefined. */
export function localToIso(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? `${v}:00+09:00` : v;
}

/** An instant as a datetime-local value in Japan time (minutes). */
export function isoToLocal(at: Date | string | number = Date.now()): string {
  return new Date(new Date(at).getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}
