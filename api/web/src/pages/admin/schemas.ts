// The API's own request schemas (api/src/schemas): the forms check exactly what the server will check.
import type { z } from 'zod';
import {
  AccountSchema,
  CreateAccountBodySchema,
  UpdateAccountBodySchema,
} from '../../../../src/schemas/accounts.schema.js';
import {
  ConsentSchema,
  CreateGrantBodySchema,
  GrantSchema,
  RecordConsentBodySchema,
} from '../../../../src/schemas/consents.schema.js';
import { PersonSchema } from '../../../../src/schemas/persons.schema.js';
import {
  CreateDeviceBodySchema,
  CreateEnrolmentBodySchema,
  CreateFacilityBodySchema,
  CreatePersonBodySchema,
  DeviceSchema,
  EnrolmentSchema,
  FacilitySchema,
  UpdateFacilityBodySchema,
  UpdatePersonBodySchema,
} from '../../../../src/schemas/registry.schema.js';

export {
  CreateAccountBodySchema,
  CreateDeviceBodySchema,
  CreateEnrolmentBodySchema,
  CreateFacilityBodySchema,
  CreateGrantBodySchema,
  CreatePersonBodySchema,
  RecordConsentBodySchema,
  UpdateAccountBodySchema,
  UpdateFacilityBodySchema,
  UpdatePersonBodySchema,
};
export { CONSENT_PURPOSES, ROLES } from '../../../../../core/src/registry/roles.js';
export { METRIC_NAMES } from '../../../../../core/src/schemas/metric-catalogue.js';
export { WIRE_FORMATS } from '../../../../../core/src/schemas/reading.schema.js';

export type Facility = z.infer<typeof FacilitySchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Device = z.infer<typeof DeviceSchema>;
export type Enrolment = z.infer<typeof EnrolmentSchema>;
export type Account = z.infer<typeof AccountSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type Grant = z.infer<typeof GrantSchema>;
export type Items<T> = { items: T[] };
export const CARE_LEVELS = ['support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'] as const;
