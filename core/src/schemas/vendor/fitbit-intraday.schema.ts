import { z } from 'zod';
import { LocalDateSchema, LocalDateTimeSchema, LocalTimeSchema } from './local-time.js';

/**
 * Fitbit-style intraday document (Fitbit Web API shapes, docs/formats.md): the datasets of one
 * local date, times in the wearer's local time without an offset. Unknown vendor fields are
 * ignored (loose objects); what the adapter reads is checked.
 */

/** One entry of an intraday dataset: steps of the interval starting at `time`, or a heart-rate sample. */
export const FitbitDatasetEntrySchema = z.object({ time: LocalTimeSchema, value: z.number().finite() }).loose();
export type FitbitDatasetEntry = z.infer<typeof FitbitDatasetEntrySchema>;

/** The day's summary of a resource (`activities-steps`); its `dateTime` dates the intraday dataset. */
export const FitbitDaySummarySchema = z
  .array(z.object({ dateTime: LocalDateSchema, value: z.unknown() }).loose())
  .length(1, 'exactly one day summary, which dates the intraday dataset');

export const FitbitStepsIntradaySchema = z
  .object({
    dataset: z.array(FitbitDatasetEntrySchema).max(1440),
    /** Minutes each entry covers. */
    datasetInterval: z.literal([1, 5, 15]),
    datasetType: z.literal('minute'),
  })
  .loose();

export const FitbitHeartIntradaySchema = z
  .object({
    dataset: z.array(FitbitDatasetEntrySchema).max(86_400),
    datasetInterval: z.literal(1),
    /** 'second': samples at `time`; 'minute': the minute's mean, stamped at the minute's start. */
    datasetType: z.enum(['second', 'minute']),
  })
  .loose();

export const FitbitSpo2MinuteSchema = z.object({ minute: LocalDateTimeSchema, value: z.number().finite() }).loose();

export const FitbitTempCoreSchema = z.object({ dateTime: LocalDateTimeSchema, value: z.number().finite() }).loose();

/** Nightly skin temperature relative to the wearer's baseline; dated by the main sleep it belongs to. */
export const FitbitTempSkinSchema = z
  .object({
    dateTime: LocalDateSchema,
    value: z.object({ nightlyRelative: z.number().finite() }).loose(),
    logType: z.string().max(64).optional(),
  })
  .loose();

export const FITBIT_SLEEP_LEVELS = ['wake', 'light', 'deep', 'rem', 'asleep', 'restless', 'awake'] as const;

export const FitbitSleepLevelSchema = z
  .object({
    dateTime: LocalDateTimeSchema,
    level: z.enum(FITBIT_SLEEP_LEVELS),
    seconds: z.number().int().positive().max(86_400),
  })
  .loose();

export const FitbitSleepSchema = z
  .object({
    dateOfSleep: LocalDateSchema,
    startTime: LocalDateTimeSchema,
    endTime: LocalDateTimeSchema,
    isMainSleep: z.boolean(),
    type: z.enum(['stages', 'classic']).optional(),
    levels: z.object({ data: z.array(FitbitSleepLevelSchema).min(1).max(2_000) }).loose(),
  })
  .loose();
export type FitbitSleep = z.infer<typeof FitbitSleepSchema>;

/** A tracker of the account (Fitbit's devices resource): its battery level at the last sync. */
export const FitbitDeviceSchema = z
  .object({
    batteryLevel: z.number().int().min(0).max(100),
    lastSyncTime: LocalDateTimeSchema,
    type: z.string().max(32).optional(),
  })
  .loose();

const SECTIONS = [
  'activities-steps-intraday',
  'activities-heart-intraday',
  'spo2',
  'tempCore',
  'tempSkin',
  'sleep',
  'devices',
] as const;

/** One local date of one device. */
export const FitbitDaySchema = z
  .object({
    'activities-steps': FitbitDaySummarySchema.optional(),
    'activities-steps-intraday': FitbitStepsIntradaySchema.optional(),
    'activities-heart': FitbitDaySummarySchema.optional(),
    'activities-heart-intraday': FitbitHeartIntradaySchema.optional(),
    spo2: z
      .object({ dateTime: LocalDateSchema, minutes: z.array(FitbitSpo2MinuteSchema).max(1440) })
      .loose()
      .optional(),
    tempCore: z.array(FitbitTempCoreSchema).max(1440).optional(),
    tempSkin: z.array(FitbitTempSkinSchema).max(31).optional(),
    sleep: z.array(FitbitSleepSchema).max(31).optional(),
    devices: z.array(FitbitDeviceSchema).max(8).optional(),
    /** The account's unit system: METRIC (°C) or en_US (°F). Default METRIC. */
    temperatureUnit: z.enum(['METRIC', 'en_US']).optional(),
  })
  .loose()
  .superRefine((day, ctx) => {
    if (!SECTIONS.some((s) => day[s] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: `no data: expected one of ${SECTIONS.join(', ')}` });
    }
    for (const r of ['steps', 'heart'] as const) {
      if (day[`activities-${r}-intraday`] && !day[`activities-${r}`]) {
        ctx.addIssue({
          code: 'custom',
          path: [`activities-${r}`],
          message: `activities-${r}-intraday needs activities-${r}, whose dateTime dates it`,
        });
      }
    }
  });
export type FitbitDay = z.infer<typeof FitbitDaySchema>;

/** Where the item lists of a Fitbit day are: the adapter rejects a bad item alone. */
export const FITBIT_ITEM_ARRAYS: ReadonlyArray<readonly string[]> = [
  ['activities-steps-intraday', 'dataset'],
  ['activities-heart-intraday', 'dataset'],
  ['spo2', 'minutes'],
  ['tempCore'],
  ['tempSkin'],
  ['sleep'],
  ['devices'],
];

/** A payload is one day or several (at most 31), e.g. a message whose span crosses local midnight. */
export type FitbitIntradayPayload = FitbitDay | FitbitDay[];
