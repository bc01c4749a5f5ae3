import { z } from 'zod';

export const ALERT_KINDS = ['no_data', 'battery_low', 'steps_decline', 'resting_hr_rise', 'low_spo2', 'fever'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Alert thresholds of one facility. Defaults follow ../shared/METRICS.md ("attention" column);
 * a clinician should confirm them with each facility, so each is configurable.
 */
export const AlertSettingsSchema = z
  .object({
    noDataHours: z.number().min(1).max(168).default(8).describe('no reading at all for this long: not worn or flat'),
    batteryLowPercent: z.number().min(1).max(100).default(15),
    declinePercent: z.number().min(1).max(100).default(50).describe('last 7 valid days below this % of the 28-day baseline'),
    declineMinValidDays: z.number().int().min(1).max(28).default(4).describe('valid days needed in each window'),
    restingHrRise: z.number().min(1).max(60).default(10).describe('rise of resting heart rate over the baseline (/min)'),
    lowSpo2Percent: z.number().min(50).max(100).default(90),
    lowSpo2Count: z.number().int().min(1).max(100).default(3).describe('samples below the limit within 24 h'),
    feverCelsius: z.number().min(35).max(42).default(37.5).describe('Japanese rule of thumb for fever'),
  })
  .strict();
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;
export const DEFAULT_ALERT_SETTINGS: AlertSettings = AlertSettingsSchema.parse({});
