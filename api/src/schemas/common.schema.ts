import { z } from 'zod';

export const UuidParamsSchema = z.object({ id: z.uuid().describe('id (uuid)') });

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('page size (1-500)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('items to skip'),
});

export const InstantInputSchema = z.iso.datetime({ offset: true }).describe('ISO 8601 instant with offset');

/** A Date as the ISO string the responses carry. */
export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** OpenAPI security of routes that need a signed-in caller: a session cookie or a bearer token. */
export const SECURED: Array<Record<string, string[]>> = [{ session: [] }, { bearerToken: [] }];
