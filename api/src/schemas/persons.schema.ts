import { z } from 'zod';

export const PersonIdParamsSchema = z.object({
  id: z.uuid().describe('person id (uuid) from GET /v1/persons'),
});

export const ListPersonsQuerySchema = z.object({
  facilityId: z.uuid().optional().describe('only people of this care facility'),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('page size (1-500)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('people to skip'),
});

export const PersonSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string().describe('family name, a space, given name'),
    familyName: z.string(),
    givenName: z.string(),
    careLevel: z
      .enum(['support_1', 'support_2', 'care_1', 'care_2', 'care_3', 'care_4', 'care_5'])
      .describe('要支援1-2 (support_*), 要介護1-5 (care_*)'),
    facility: z.object({ id: z.uuid(), name: z.string() }),
    deviceId: z.string().nullable().describe('watch enrolled now, if any'),
    dailyStepGoal: z.number().int().nullable(),
  })
  .meta({ id: 'Person' });

export const PersonListSchema = z
  .object({
    items: z.array(PersonSchema),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .describe('one page of the people the caller may see');
