import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../../../core/src/index.js';

/** One row of Fitabase's hourlySteps_merged.csv: steps of a local clock hour. */
export interface HourlyStepsRow {
  id: string;
  /** Local date YYYY-MM-DD and hour 0-23 (no zone in the file). */
  date: string;
  hour: number;
  steps: number;
}

/** Where the shared dataset lives, relative to the repository. */
export const FITABASE_HOURLY_STEPS = pathToFileURL(
  projectPath('..', 'shared', 'datasets', 'fitabase-2016', 'hourlySteps_merged.csv'),
);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Parses an ActivityHour: `4/12/16 0:00` (this copy: M/D/YY H:MM, 24-hour) or `4/12/2016 12:00:00 AM`
 * (the original Fitabase export). Returns the local date and hour, or null.
 */
export function parseActivityHour(text: string): { date: string; hour: number } | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/i.exec(text.trim());
  if (!m) return null;
  const [, mo, d, y, h, min, , ampm] = m;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  }
  const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
  const date = `${year}-${pad(Number(mo))}-${pad(Number(d))}`;
  const real = new Date(`${date}T00:00:00Z`);
  if (hour > 23 || Number(min) !== 0 || Number.isNaN(real.getTime()) || real.toISOString().slice(0, 10) !== date)
    return null;
  return { date, hour };
}

/** Parses the CSV text; throws with the line number on a row it cannot read. */
export function parseHourlySteps(text: string): HourlyStepsRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines
    .shift()
    ?.split(',')
    .map((h) => h.trim());
  if (header?.join(',') !== 'Id,ActivityHour,StepTotal') {
    throw new Error(`not an hourly steps file: header ${header?.join(',') ?? '(none)'}`);
  }
  return lines.map((line, i) => {
    const [id, hourText, steps] = line.split(',').map((c) => c.trim());
    const at = hourText ? parseActivityHour(hourText) : null;
    const n = Number(steps);
    if (!id || !/^\d+$/.test(id) || !at || !Number.isInteger(n) || n < 0) {
      throw new Error(`line ${i + 2}: cannot read "${line}"`);
    }
    return { id, ...at, steps: n };
  });
}

export async function readHourlySteps(file: string | URL = FITABASE_HOURLY_STEPS): Promise<HourlyStepsRow[]> {
  return parseHourlySteps(await readFile(file, 'utf8'));
}
