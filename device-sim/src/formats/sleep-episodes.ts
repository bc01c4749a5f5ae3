import type { ReadingInput } from '../../../core/src/index.js';

/** Sleep stage readings grouped into episodes: runs where each stage starts where the last ended. */
export function sleepEpisodes(readings: ReadingInput[]): ReadingInput[][] {
  const stages = readings.filter((r) => r.metric === 'sleep').sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const episodes: ReadingInput[][] = [];
  for (const s of stages) {
    const current = episodes.at(-1);
    const last = current?.at(-1);
    if (current && last?.end !== undefined && Date.parse(last.end) === Date.parse(s.start)) current.push(s);
    else episodes.push([s]);
  }
  return episodes;
}
