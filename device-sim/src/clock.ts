/**
 * The simulated clock runs `speed` times faster than the wall clock from `simStartMs`, but never
 * ahead of the real present: once it catches up with now it continues at real time, so the
 * simulator never produces a timestamp in the future.
 */
export interface SimClock {
  readonly simStartMs: number;
  readonly speed: number;
  /** The simulated present. */
  simNow(): number;
  /** Real milliseconds until simNow() reaches simMs (0 when it already has). */
  realDelayUntil(simMs: number): number;
}

export interface SimClockOptions {
  simStartMs: number;
  /** Simulated seconds per real second; > 0. */
  speed: number;
  /** Wall clock; tests inject their own. */
  now?: () => number;
}

export function createSimClock({ simStartMs, speed, now = Date.now }: SimClockOptions): SimClock {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, not ${speed}`);
  const realStartMs = now();
  // the fast track: where the clock would be if it were never held back by the present
  const fast = (realMs: number) => simStartMs + (realMs - realStartMs) * speed;
  return {
    simStartMs,
    speed,
    simNow() {
      const real = now();
      return Math.min(real, fast(real));
    },
    realDelayUntil(simMs) {
      const real = now();
      // both the fast track and the real present must have reached simMs
      const fastReachesAt = realStartMs + (simMs - simStartMs) / speed;
      return Math.max(0, Math.ceil(Math.max(simMs, fastReachesAt) - real));
    },
  };
}
