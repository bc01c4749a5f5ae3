import { type RandomGenerator, uniform } from './random.js';

/** 要支援1-2, 要介護1-5, as the registry spells them. */
export const CARE_LEVELS = ['support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];

export interface CareLevelTraits {
  /** Typical daily steps of a person at this level (a person's own typical value is drawn in it). */
  dailySteps: readonly [number, number];
  /** Share of people who keep the watch on in bed; only their sleep is recorded. */
  nightWear: number;
  /** Minutes after getting up before the watch goes on (people needing care are dressed later). */
  donDelay: readonly [number, number];
  /** Minutes before bedtime the watch comes off (night-off wearers). */
  doffEarly: readonly [number, number];
  /** Chance of a day without the watch (forgotten, unwell). */
  missedDay: number;
}

export const CARE_LEVEL_TRAITS: Readonly<Record<CareLevel, CareLevelTraits>> = {
  support_1: { dailySteps: [4000, 6000], nightWear: 0.5, donDelay: [5, 45], doffEarly: [0, 45], missedDay: 0.03 },
  support_2: { dailySteps: [3000, 4500], nightWear: 0.45, donDelay: [10, 60], doffEarly: [0, 60], missedDay: 0.04 },
  care_1: { dailySteps: [2000, 3500], nightWear: 0.4, donDelay: [15, 75], doffEarly: [15, 75], missedDay: 0.05 },
  care_2: { dailySteps: [1200, 2500], nightWear: 0.4, donDelay: [20, 100], doffEarly: [20, 90], missedDay: 0.05 },
  care_3: { dailySteps: [500, 1500], nightWear: 0.35, donDelay: [30, 150], doffEarly: [30, 120], missedDay: 0.06 },
  care_4: { dailySteps: [100, 600], nightWear: 0.3, donDelay: [45, 180], doffEarly: [45, 150], missedDay: 0.07 },
  care_5: { dailySteps: [0, 200], nightWear: 0.3, donDelay: [60, 180], doffEarly: [60, 180], missedDay: 0.08 },
};

/** More people with light certification, as among day-service users (scripts/seed-data.ts). */
const WEIGHTS: Readonly<Record<CareLevel, number>> = {
  support_1: 5,
  support_2: 6,
  care_1: 7,
  care_2: 5,
  care_3: 4,
  care_4: 2,
  care_5: 1,
};

/** Draws a care level with the pilot's weights. */
export function drawCareLevel(rng: RandomGenerator): CareLevel {
  const total = CARE_LEVELS.reduce((n, l) => n + WEIGHTS[l], 0);
  let x = uniform(rng, 0, total);
  for (const level of CARE_LEVELS) {
    x -= WEIGHTS[level];
    if (x < 0) return level;
  }
  return 'care_5';
}

export function isCareLevel(value: unknown): value is CareLevel {
  return (CARE_LEVELS as readonly unknown[]).includes(value);
}
