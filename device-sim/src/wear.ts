import type { DeviceStatus } from '../../core/src/index.js';
import { DAY_MS, localDayIndex } from './day-factors.js';
import type { WatchProfile } from './profile.js';
import { Stream, chance, rngFor, uniformInt } from './random.js';
import { offsetAt } from './zone.js';

const MIN = 60_000;
const HOUR = 3_600_000;
/** % per minute on the charger: empty to full in about 83 minutes, less than any charge lasts. */
const CHARGE_RATE = 1.2;
const LOW_BATTERY = 15;
/** Days looked back for the last charge: a watch not charged for longer is flat for certain. */
const LOOK_BACK = 3;

/** worn: on the wrist; idle: off the wrist, not charging; charging: on the charger; gone: returned. */
export type WearState = 'worn' | 'idle' | 'charging' | 'gone';
export interface Segment {
  from: number;
  to: number;
  state: WearState;
}

/** Local midnight starting local day `day` (one offset per day: no DST change within a day is modelled). */
export function localMidnight(profile: Pick<WatchProfile, 'timeZone'>, day: number): number {
  return day * DAY_MS - offsetAt(day * DAY_MS, profile.timeZone);
}

/** The wear day containing t: from getting up on local day w to getting up the next day. */
export function wearDayOf(profile: WatchProfile, t: number): number {
  const offset = offsetAt(t, profile.timeZone);
  const day = localDayIndex(t, offset);
  const minuteOfDay = (t + offset - day * DAY_MS) / MIN;
  return minuteOfDay < profile.wakeMinute ? day - 1 : day;
}

export function wearDayStart(profile: WatchProfile, w: number): number {
  return localMidnight(profile, w) + profile.wakeMinute * MIN;
}

/** The plan of wear day w: a pure function of the watch key and w (always the same draws, in order). */
export function wearDayPlan(profile: WatchProfile, w: number) {
  const rng = rngFor(profile.key, Stream.wear, w);
  const midnight = localMidnight(profile, w);
  const start = midnight + profile.wakeMinute * MIN;
  const missed = chance(rng, profile.missedDay);
  const chargeSkipped = chance(rng, 0.06);
  const don = start + uniformInt(rng, profile.donDelay[0], profile.donDelay[1]) * MIN;
  const doff = Math.max(
    don + HOUR,
    midnight + (profile.bedMinute - uniformInt(rng, profile.doffEarly[0], profile.doffEarly[1])) * MIN,
  );
  const chargeStart = midnight + (profile.chargeMinute + uniformInt(rng, -20, 20)) * MIN;
  const chargeEnd = chargeStart + uniformInt(rng, 90, 150) * MIN;
  const quit = profile.quitFromDay !== null && w >= profile.quitFromDay;
  return { start, end: wearDayStart(profile, w + 1), missed, quit, chargeSkipped, don, doff, chargeStart, chargeEnd };
}

/** States over wear day w, in order, covering [start of w, start of w + 1). */
export function wearDaySegments(profile: WatchProfile, w: number): Segment[] {
  const segments = plannedSegments(profile, w);
  // someone who leaves the programme hands the watch back at midnight starting that local day
  if (profile.quitFromDay !== w + 1) return segments;
  const cut = localMidnight(profile, w + 1);
  const kept = segments.filter((s) => s.from < cut).map((s) => ({ ...s, to: Math.min(s.to, cut) }));
  return [...kept, { from: cut, to: segments.at(-1)!.to, state: 'gone' }];
}

function plannedSegments(profile: WatchProfile, w: number): Segment[] {
  const p = wearDayPlan(profile, w);
  const seg = (from: number, to: number, state: WearState): Segment => ({ from, to, state });
  if (p.quit) return [seg(p.start, p.end, 'gone')];
  // a day without the watch: it waits on the charger
  if (p.missed) return [seg(p.start, p.end, 'charging')];
  if (profile.nightWear) {
    if (p.chargeSkipped) return [seg(p.start, p.end, 'worn')];
    return [
      seg(p.start, p.chargeStart, 'worn'),
      seg(p.chargeStart, p.chargeEnd, 'charging'),
      seg(p.chargeEnd, p.end, 'worn'),
    ];
  }
  const prev = wearDayPlan(profile, w - 1);
  const morning: WearState = prev.missed || !prev.chargeSkipped ? 'charging' : 'idle';
  return [
    seg(p.start, p.don, morning),
    seg(p.don, p.doff, 'worn'),
    seg(p.doff, p.end, p.chargeSkipped ? 'idle' : 'charging'),
  ];
}

const timelines = new WeakMap<WatchProfile, Map<number, Segment[]>>();

/** Segments of wear days w - LOOK_BACK .. w, neighbours of one state merged (memoised). */
export function timeline(profile: WatchProfile, w: number): Segment[] {
  let memo = timelines.get(profile);
  if (!memo) timelines.set(profile, (memo = new Map()));
  let tl = memo.get(w);
  if (!tl) {
    tl = [];
    for (let d = w - LOOK_BACK; d <= w; d++) {
      for (const s of wearDaySegments(profile, d)) {
        const last = tl.at(-1);
        if (last && last.state === s.state && last.to === s.from) last.to = s.to;
        else tl.push({ ...s });
      }
    }
    if (memo.size > 64) memo.clear();
    memo.set(w, tl);
  }
  return tl;
}

function lastChargeEnd(tl: Segment[], k: number): number | null {
  for (let i = k - 1; i >= 0; i--) if (tl[i]!.state === 'charging') return tl[i]!.to;
  return null;
}

/** Battery % at t within segment k of the timeline (every charge lasts long enough to fill it). */
function levelIn(profile: WatchProfile, tl: Segment[], k: number, t: number): number {
  const s = tl[k]!;
  if (s.state === 'gone') return 0;
  const drainedAt = (at: number) => {
    const pe = lastChargeEnd(tl, k);
    return pe === null ? 0 : Math.max(0, 100 - (profile.drainPerHour * (at - pe)) / HOUR);
  };
  if (s.state === 'charging') return Math.min(100, drainedAt(s.from) + (CHARGE_RATE * (t - s.from)) / MIN);
  return drainedAt(t);
}

export interface DeviceState {
  state: WearState;
  /** Battery %; a watch at 0 (or returned) is off and reports nothing. */
  level: number;
  powered: boolean;
  /** On the wrist and running: vitals and steps are recorded. */
  recording: boolean;
}

/** What the watch is doing at t. */
export function deviceStateAt(profile: WatchProfile, t: number): DeviceState {
  const tl = timeline(profile, wearDayOf(profile, t));
  const k = tl.findIndex((s) => t >= s.from && t < s.to);
  const state = tl[k]!.state;
  const level = levelIn(profile, tl, k, t);
  const powered = state !== 'gone' && (state === 'charging' || level > 0);
  return { state, level, powered, recording: powered && state === 'worn' };
}

const TRANSITIONS: Partial<Record<`${WearState}>${WearState}`, DeviceStatus[]>> = {
  'worn>idle': ['off_wrist'],
  'worn>charging': ['off_wrist', 'charging_started'],
  'idle>worn': ['on_wrist'],
  'idle>charging': ['charging_started'],
  'charging>worn': ['charging_stopped', 'on_wrist'],
  'charging>idle': ['charging_stopped'],
};

export interface StatusEvent {
  at: number;
  status: DeviceStatus;
}

/** Status events of wear day w: wear and charging transitions, low battery, power off and on. */
export function wearDayEvents(profile: WatchProfile, w: number): StatusEvent[] {
  const tl = timeline(profile, w);
  const [from, to] = [wearDayStart(profile, w), wearDayStart(profile, w + 1)];
  const events: StatusEvent[] = [];
  const inDay = (t: number) => t >= from && t < to;
  tl.forEach((s, k) => {
    const prev = tl[k - 1];
    if (prev && inDay(s.from)) {
      const wasOn = levelIn(profile, tl, k - 1, s.from - 1) > 0 && prev.state !== 'gone';
      if (s.state === 'charging' && !wasOn && prev.state !== 'gone') events.push({ at: s.from, status: 'powered_on' });
      if (wasOn || s.state === 'charging') {
        for (const status of TRANSITIONS[`${prev.state}>${s.state}`] ?? []) events.push({ at: s.from, status });
      }
    }
    const pe = s.state === 'charging' || s.state === 'gone' ? null : lastChargeEnd(tl, k);
    if (pe === null) return;
    // stamped at the end of the minute it happens in: that minute's readings are the last ones
    const crossing = (level: number) => Math.ceil((pe + ((100 - level) / profile.drainPerHour) * HOUR) / MIN) * MIN;
    for (const [level, status] of [
      [LOW_BATTERY, 'battery_low'],
      [0, 'powered_off'],
    ] as const) {
      const at = crossing(level);
      if (at > s.from && at <= s.to && inDay(at)) events.push({ at, status });
    }
  });
  return events.sort((a, b) => a.at - b.at);
}
