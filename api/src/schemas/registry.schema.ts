import { z } from 'zod';
import { InstantInputSchema, PageQuerySchema } from './common.schema.js';

export const FacilitySchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    municipality: z.string(),
    prefecture: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Facility' });

export const CreateFacilityBodySchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/, '2-40 of a-z, 0-9 and -'),
  name: z.string().min(1).max(200),
  municipality: z.string().min(1).max(100),
  prefecture: z.string().min(1).max(20),
});

export const UpdateFacilityBodySchema = CreateFacilityBodySchema.omit({ code: true }).partial();

const CareLevelSchema = z
  .enum(['support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'])
  .describe('要支援1-2 (support_*), 要介護1-5 (care_*)');

export const CreatePersonBodySchema = z.object({
  facilityId: z.uuid(),
  familyName: z.string().min(1).max(50),
  givenName: z.string().min(1).max(50),
  familyNameKana: z.string().max(50).nullable().optional(),
  givenNameKana: z.string().max(50).nullable().optional(),
  birthDate: z.iso.date().nullable().optional(),
  sex: z.enum(['female', 'male', 'other']).nullable().optional(),
  careLevel: CareLevelSchema,
  timeZone: z.string().min(1).max(64).optional().describe('IANA zone; Asia/Tokyo by default'),
  dailyStepGoal: z.number().int().min(0).max(60_000).nullable().optional(),
});

export const UpdatePersonBodySchema = CreatePersonBodySchema.partial();

export const DeviceSchema = z
  .object({
    id: z.string(),
    vendor: z.string(),
    model: z.string(),
    wireFormat: z.string(),
    createdAt: z.iso.datetime(),
    retiredAt: z.iso.datetime().nullable(),
    credentialRotatedAt: z.iso.datetime().nullable(),
    personId: z.uuid().nullable().describe('who wears it now'),
  })
  .meta({ id: 'Device' });

export const DeviceIdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/) });

export const CreateDeviceBodySchema = z.object({
  id: DeviceIdParamsSchema.shape.id.describe('device id = its MQTT user name'),
  vendor: z.string().min(1).max(50),
  model: z.string().min(1).max(100),
  wireFormat: z.string().min(1).max(50).default('canonical'),
});

export const DeviceCredentialsSchema = z
  .object({ username: z.string(), secret: z.string().describe('shown once; stored only as a hash') })
  .meta({ id: 'DeviceCredentials' });

export const EnrolmentSchema = z
  .object({
    id: z.uuid(),
    deviceId: z.string(),
    personId: z.uuid(),
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Enrolment' });

export const CreateEnrolmentBodySchema = z.object({
  deviceId: z.string().min(1).max(64),
  personId: z.uuid(),
  validFrom: InstantInputSchema,
  validTo: InstantInputSchema.nullable().optional(),
  endOpen: z
    .boolean()
    .default(false)
    .describe('end the device’s open enrolment at validFrom first (the watch moves to another person)'),
});

export const ListEnrolmentsQuerySchema = PageQuerySchema.extend({
  deviceId: z.string().min(1).max(64).optional(),
  personId: z.uuid().optional(),
});
