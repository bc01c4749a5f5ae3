/**
 * Epoch ms of an ISO 8601 instant, equal to `Date.parse(s)` for every string (a unit test compares
 * them): the shape InstantSchema accepts (`YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`) is read digit by
 * digit, anything else goes to Date.parse. V8's Date.parse took ~0.4 us a call, and the workers
 * parse every reading's times.
 */
export function instantMs(s: string): number {
  const n = s.length;
  if (n < 20 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return Date.parse(s);
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Date.parse(s);
  const year = num(s, 0, 4);
  const month = num(s, 5, 2);
  const day = num(s, 8, 2);
  const hour = num(s, 11, 2);
  const minute = num(s, 14, 2);
  const second = num(s, 17, 2);
  // out-of-range fields are Date.parse's to judge
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Date.parse(s);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Date.parse(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    // fraction: Date.parse keeps milliseconds and drops further digits
    let digits = 0;
    for (i++; i < n; i++, digits++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (digits < 3) ms = ms * 10 + d;
    }
    if (digits === 0) return Date.parse(s);
    for (; digits < 3; digits++) ms *= 10;
  }
  let offsetMin = 0;
  const zone = s.charCodeAt(i);
  if (zone === 90 && i + 1 === n) offsetMin = 0;
  else if ((zone === 43 || zone === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh = num(s, i + 1, 2);
    const om = num(s, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Date.parse(s);
    offsetMin = (zone === 43 ? 1 : -1) * (oh * 60 + om);
  } else return Date.parse(s);
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMin;
  return (minutes * 60 + second) * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Decimal value of `len` digits at `at`, or -1 when one is not a digit. */
function num(s: string, at: number, len: number): number {
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
