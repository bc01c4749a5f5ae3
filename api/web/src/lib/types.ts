// Shapes of the /v1 answers the UI uses (see api/openapi.json; the server validates them).
export type Role = 'self' | 'family' | 'care_staff' | 'program_staff' | 'admin';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  facilityId: string | null;
  personId: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
}

export interface Person {
  id: string;
  displayName: string;
  familyName?: string;
  givenName?: string;
  careLevel?: string | null;
  facility?: { id: string; name: string } | null;
  dailyStepGoal?: number | null;
}

export interface LatestValue {
  time: string;
  value: number | string | null;
  [k: string]: unknown;
}

export interface SeriesPoint {
  start: string;
  mean?: number;
  min?: number;
  max?: number;
  count?: number;
  sum?: number;
  [k: string]: unknown;
}

export interface Series {
  personId: string;
  metric: string;
  unit: string;
  every: string;
  points: SeriesPoint[];
}

export interface Day {
  date: string;
  steps?: number;
  wearMinutes?: number;
  valid?: boolean;
  restingHeartRate?: number;
  sleepMinutes?: Record<string, number>;
}

export interface Daily {
  personId: string;
  days: Day[];
}
