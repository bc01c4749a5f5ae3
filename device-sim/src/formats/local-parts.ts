/**
 * Local date and time of a canonical instant, read straight off its ISO text: the simulator writes
 * every instant with the wearer's offset, so `2026-11-30T10:01:00.000+09:00` is 10:01 local.
 */
export function localParts(iso: string) {
  return {
    date: iso.slice(0, 10),
    /** HH:MM:SS */
    time: iso.slice(11, 19),
    /** YYYY-MM-DDTHH:MM:SS */
    dateTime: iso.slice(0, 19),
    /** YYYY-MM-DDTHH:MM:SS.sss */
    dateTimeMs: iso.slice(0, 23),
    /** UTC offset in seconds. */
    offsetSeconds: offsetSecondsOf(iso),
  };
}

export function offsetSecondsOf(iso: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(iso);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

/** Epoch seconds of an instant. */
export const epochSeconds = (iso: string) => Math.round(Date.parse(iso) / 1000);

/** Epoch seconds of local midnight of the instant's local date. */
export function localMidnightSeconds(iso: string): number {
  return epochSeconds(`${iso.slice(0, 10)}T00:00:00${iso.slice(23)}`);
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
