import { z } from 'zod';
import { LocalDateSchema } from './local-time.js';

/**
 * Garmin-style push of summaries (Garmin Health API shapes, docs/formats.md): instants are UTC
 * epoch seconds (`startTimeInSeconds`) with the device's local UTC offset beside them
 * (`startTimeOffsetInSeconds`). Unknown vendor fields are ignored (loose objects).
 */
const epochSeconds = z.number().int().min(0).max(4_102_444_800);
const offsetSeconds = z
  .number()
  .int()
  .min(-14 * 3600)
  .max(14 * 3600);

const summaryFields = {
  summaryId: z.string().max(128).optional(),
  startTimeInSeconds: epochSeconds,
  startTimeOffsetInSeconds: offsetSeconds,
};

/** Seconds after the summary's start -> value. */
export const GarminOffsetMapSchema = z.record(
  z.string().regex(/^\d{1,6}$/, 'keys are whole seconds after the start'),
  z.number().finite(),
);

/** An epoch (usually 15 minutes): one record per activity type; steps of records with one start add up. */
export const GarminEpochSchema = z
  .object({
    ...summaryFields,
    activityType: z.string().min(1).max(64),
    durationInSeconds: z.number().int().min(60).max(3600),
    steps: z.number().int().min(0),
    activeTimeInSeconds: z.number().int().min(0),
    distanceInMeters: z.number().min(0).optional(),
    intensity: z.enum(['SEDENTARY', 'ACTIVE', 'HIGHLY_ACTIVE']).optional(),
  })
  .loose()
  .refine((e) => e.activeTimeInSeconds <= e.durationInSeconds, {
    path: ['activeTimeInSeconds'],
    message: 'activeTimeInSeconds exceeds durationInSeconds',
  });
export type GarminEpoch = z.infer<typeof GarminEpochSchema>;

/** A daily (or the part of it synced so far) with heart-rate samples at offsets from its start. */
export const GarminDailySchema = z
  .object({
    ...summaryFields,
    calendarDate: LocalDateSchema,
    durationInSeconds: z.number().int().min(0).max(90_000),
    timeOffsetHeartRateSamples: GarminOffsetMapSchema.optional(),
  })
  .loose();
export type GarminDaily = z.infer<typeof GarminDailySchema>;

export const GarminPulseOxSchema = z
  .object({
    ...summaryFields,
    calendarDate: LocalDateSchema,
    durationInSeconds: z.number().int().min(0).max(90_000),
    timeOffsetSpo2Values: GarminOffsetMapSchema,
  })
  .loose();
export type GarminPulseOx = z.infer<typeof GarminPulseOxSchema>;

const GarminSleepLevelSchema = z
  .object({ startTimeInSeconds: epochSeconds, endTimeInSeconds: epochSeconds })
  .loose()
  .refine((l) => l.endTimeInSeconds > l.startTimeInSeconds, {
    path: ['endTimeInSeconds'],
    message: 'endTimeInSeconds must be after startTimeInSeconds',
  });

export const GARMIN_SLEEP_LEVELS = ['deep', 'light', 'rem', 'awake'] as const;

export const GarminSleepSchema = z
  .object({
    ...summaryFields,
    calendarDate: LocalDateSchema,
    durationInSeconds: z.number().int().min(0).max(86_400),
    sleepLevelsMap: z
      .object(
        Object.fromEntries(
          GARMIN_SLEEP_LEVELS.map((l) => [l, z.array(GarminSleepLevelSchema).max(500).optional()]),
        ) as {
          [K in (typeof GARMIN_SLEEP_LEVELS)[number]]: z.ZodOptional<z.ZodArray<typeof GarminSleepLevelSchema>>;
        },
      )
      .loose(),
  })
  .loose();
export type GarminSleep = z.infer<typeof GarminSleepSchema>;

/** Skin temperature over a night, as deviation from the wearer's baseline in °C. */
export const GarminSkinTempSchema = z
  .object({
    ...summaryFields,
    calendarDate: LocalDateSchema,
    durationInSeconds: z.number().int().min(60).max(86_400),
    avgDeviationCelsius: z.number().finite(),
  })
  .loose();
export type GarminSkinTemp = z.infer<typeof GarminSkinTempSchema>;

const LISTS = ['epochs', 'dailies', 'pulseox', 'sleeps', 'skinTemp'] as const;

/** One push: lists of summaries by type (at least one). */
export const GarminEpochPayloadSchema = z
  .object({
    epochs: z.array(GarminEpochSchema).max(10_000).optional(),
    dailies: z.array(GarminDailySchema).max(400).optional(),
    pulseox: z.array(GarminPulseOxSchema).max(400).optional(),
    sleeps: z.array(GarminSleepSchema).max(400).optional(),
    skinTemp: z.array(GarminSkinTempSchema).max(400).optional(),
  })
  .loose()
  .superRefine((p, ctx) => {
    if (!LISTS.some((l) => p[l] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: `no data: expected one of ${LISTS.join(', ')}` });
    }
  });
export type GarminEpochPayload = z.infer<typeof GarminEpochPayloadSchema>;

/** Where the item lists of a push are: the adapter rejects a bad item alone. */
export const GARMIN_ITEM_ARRAYS: ReadonlyArray<readonly string[]> = LISTS.map((l) => [l]);
