import { describe, expect, it } from 'vitest';
import { createSimClock } from '../../device-sim/src/clock.js';

const NOW = Date.parse('2026-11-30T12:00:00+09:00');
const HOUR = 3_600_000;

function fakeWallClock(start = NOW) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('simulated clock', () => {
  it('runs speed times faster than the wall clock while behind the present', () => {
    const wall = fakeWallClock();
    const clock = createSimClock({ simStartMs: NOW - 10 * HOUR, speed: 60, now: wall.now });
    expect(clock.simNow()).toBe(NOW - 10 * HOUR);
    wall.advance(60_000); // one real minute = one simulated hour
    expect(clock.simNow()).toBe(NOW - 9 * HOUR);
  });

  it('never runs ahead of the injected now and continues at real time once caught up', () => {
    const wall = fakeWallClock();
    const clock = createSimClock({ simStartMs: NOW - HOUR, speed: 600, now: wall.now });
    let previous = clock.simNow();
    for (let i = 0; i < 200; i++) {
      wall.advance(1_000);
      const sim = clock.simNow();
      expect(sim).toBeLessThanOrEqual(wall.now());
      expect(sim).toBeGreaterThanOrEqual(previous);
      previous = sim;
    }
    // an hour at 600x takes 6 s; after that the clock is the present itself
    expect(clock.simNow()).toBe(wall.now());
    wall.advance(5_000);
    expect(clock.simNow()).toBe(wall.now());
  });

  it('tells how many real milliseconds remain until a simulated instant is reached', () => {
    const wall = fakeWallClock();
    const clock = createSimClock({ simStartMs: NOW - HOUR, speed: 60, now: wall.now });
    expect(clock.realDelayUntil(NOW - HOUR)).toBe(0);
    expect(clock.realDelayUntil(NOW - HOUR + 60_000)).toBe(1_000);
    // the fast track reaches the present after 60 s; later instants wait for real time
    expect(clock.realDelayUntil(NOW)).toBe(60_000);
    expect(clock.realDelayUntil(NOW + 120_000)).toBe(120_000);
    wall.advance(1_000);
    expect(clock.simNow()).toBe(NOW - HOUR + 60_000);
    expect(clock.realDelayUntil(NOW - HOUR + 60_000)).toBe(0);
  });

  it('holds a start in the future until the present reaches it', () => {
    const wall = fakeWallClock();
    const clock = createSimClock({ simStartMs: NOW + 10_000, speed: 100, now: wall.now });
    expect(clock.simNow()).toBe(NOW);
    expect(clock.realDelayUntil(NOW + 10_000)).toBe(10_000);
  });

  it('rejects a speed that is not a positive number', () => {
    expect(() => createSimClock({ simStartMs: NOW, speed: 0 })).toThrow(RangeError);
    expect(() => createSimClock({ simStartMs: NOW, speed: Number.NaN })).toThrow(RangeError);
  });
});
