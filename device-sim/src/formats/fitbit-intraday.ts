import type { FitbitDay, FitbitSleep, ReadingInput, SleepStage } from '../../../core/src/index.js';
import { groupBy, localParts } from './local-parts.js';
import { sleepEpisodes } from './sleep-episodes.js';

const LEVEL: Record<SleepStage, FitbitSleep['levels']['data'][number]['level']> = {
  awake: 'wake',
  light: 'light',
  deep: 'deep',
  rem: 'rem',
  asleep_unspecified: 'asleep',
};

const batteryWord = (level: number) => (level >= 60 ? 'High' : level >= 25 ? 'Medium' : level > 5 ? 'Low' : 'Empty');

function sleepRecord(episode: ReadingInput[]): FitbitSleep {
  const first = episode[0]!;
  const end = episode.at(-1)!.end!;
  return {
    dateOfSleep: localParts(end).date,
    startTime: localParts(first.start).dateTimeMs,
    endTime: localParts(end).dateTimeMs,
    duration: Date.parse(end) - Date.parse(first.start),
    isMainSleep: true,
    type: 'stages',
    levels: {
      data: episode.map((s) => ({
        dateTime: localParts(s.start).dateTimeMs,
        level: LEVEL[s.stage!],
        seconds: Math.round((Date.parse(s.end!) - Date.parse(s.start)) / 1000),
      })),
    },
  };
}

function dayDocument(date: string, rs: ReadingInput[], nights: FitbitSleep[], skin: ReadingInput[]): FitbitDay {
  const of = (metric: ReadingInput['metric']) => rs.filter((r) => r.metric === metric);
  const day: FitbitDay = {};
  const steps = of('step_count');
  if (steps.length) {
    if (steps.some((s) => Date.parse(s.end!) - Date.parse(s.start) !== 60_000)) {
      throw new RangeError('fitbit-intraday encodes one-minute steps only');
    }
    day['activities-steps'] = [{ dateTime: date, value: String(steps.reduce((n, s) => n + s.value, 0)) }];
    const dataset = steps.map((s) => ({ time: localParts(s.start).time, value: s.value }));
    day['activities-steps-intraday'] = { dataset, datasetInterval: 1, datasetType: 'minute' };
  }
  const hearts = of('heart_rate');
  if (hearts.length) {
    day['activities-heart'] = [{ dateTime: date, value: {} }];
    const dataset = hearts.map((h) => ({ time: localParts(h.start).time, value: h.value }));
    day['activities-heart-intraday'] = { dataset, datasetInterval: 1, datasetType: 'second' };
  }
  const spo2 = of('oxygen_saturation');
  if (spo2.length)
    day.spo2 = { dateTime: date, minutes: spo2.map((r) => ({ minute: localParts(r.start).dateTime, value: r.value })) };
  const temps = of('body_temperature');
  if (temps.length) day.tempCore = temps.map((r) => ({ dateTime: localParts(r.start).dateTime, value: r.value }));
  if (nights.length) day.sleep = nights;
  if (skin.length) {
    day.tempSkin = skin.map((r) => ({
      dateTime: date,
      value: { nightlyRelative: r.value },
      logType: 'dedicated_temp_sensor',
    }));
  }
  // the devices resource holds the level at the last sync only
  const battery = of('battery_level').at(-1);
  if (battery) {
    const lastSyncTime = localParts(battery.start).dateTimeMs;
    day.devices = [{ batteryLevel: battery.value, battery: batteryWord(battery.value), lastSyncTime, type: 'TRACKER' }];
  }
  if (Object.keys(day).length) day.temperatureUnit = 'METRIC';
  return day;
}

/**
 * Canonical readings of one device -> Fitbit-style day documents, one per local date (of each
 * reading's start; a night and its skin temperature go to the date it ended). Device status
 * events have no Fitbit form and are left out; of the battery levels only the last of each date
 * is kept (Fitbit reports the level at the last sync).
 */
export function toFitbitDays(readings: ReadingInput[]): FitbitDay[] {
  const plain = readings.filter((r) => r.metric !== 'sleep' && r.metric !== 'skin_temperature_deviation');
  const byDate = groupBy(plain, (r) => localParts(r.start).date);
  const nights = groupBy(sleepEpisodes(readings).map(sleepRecord), (s) => s.dateOfSleep);
  const skin = groupBy(
    readings.filter((r) => r.metric === 'skin_temperature_deviation'),
    (r) => localParts(r.end!).date,
  );
  const dates = [...new Set([...byDate.keys(), ...nights.keys(), ...skin.keys()])].sort();
  return dates
    .map((date) => dayDocument(date, byDate.get(date) ?? [], nights.get(date) ?? [], skin.get(date) ?? []))
    .filter((d) => Object.keys(d).length > 0);
}
