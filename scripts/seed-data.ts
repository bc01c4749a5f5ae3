import type { Faker } from '@faker-js/faker';

export const pilotFacility = {
  code: 'shizuoka-pilot-01',
  name: 'みまもりデイサービス静岡',
  municipality: '静岡市',
  prefecture: '静岡県',
};

export const PILOT_SIZE = 30;
export const PILOT_ENROLLED_FROM = '2025-04-01T00:00:00+09:00';

const CARE_LEVELS = ['support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'] as const;
// more people with light certification, as in day-service users
const CARE_WEIGHTS = [5, 6, 7, 5, 4, 2, 1];
const STEP_GOALS: Record<(typeof CARE_LEVELS)[number], number> = {
  support_1: 5000,
  support_2: 4000,
  care_1: 3000,
  care_2: 2500,
  care_3: 1500,
  care_4: 800,
  care_5: 300,
};

/** The 30 pilot residents; the same seed gives the same people on every machine. */
export function pilotPeople(faker: Faker) {
  faker.seed(20261130);
  return Array.from({ length: PILOT_SIZE }, (_, i) => {
    const sex = faker.helpers.weightedArrayElement([
      { weight: 6, value: 'female' as const },
      { weight: 4, value: 'male' as const },
    ]);
    const careLevel = faker.helpers.weightedArrayElement(CARE_LEVELS.map((value, k) => ({ value, weight: CARE_WEIGHTS[k]! })));
    const birth = faker.date.between({ from: '1930-01-01', to: '1955-12-31' });
    return {
      deviceId: `mmr-w-${String(i + 1).padStart(4, '0')}`,
      familyName: faker.person.lastName(),
      givenName: faker.person.firstName(sex),
      sex,
      careLevel,
      birthDate: birth.toISOString().slice(0, 10),
      dailyStepGoal: STEP_GOALS[careLevel],
      enrolledFrom: PILOT_ENROLLED_FROM,
    };
  });
}
