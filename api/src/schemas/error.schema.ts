import { z } from 'zod';

export const ValidationIssueSchema = z.object({
  path: z.string().describe('where the problem is, e.g. querystring.metric'),
  message: z.string(),
});

/** The one error body of every non-2xx answer. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe('machine-readable: invalid_request, unauthorized, not_found, upstream_unavailable, internal, ...'),
      message: z.string().describe('human-readable'),
      requestId: z.string().describe('also in the x-request-id response header; quote it when reporting a problem'),
      issues: z.array(ValidationIssueSchema).optional().describe('every validation problem (400 only)'),
    }),
  })
  .meta({ id: 'ErrorBody' });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Error responses shared by every /v1 route. */
export const v1ErrorResponses = {
  400: ErrorBodySchema.describe('invalid request; `issues` lists every problem'),
  401: ErrorBodySchema.describe('missing or wrong bearer token'),
  500: ErrorBodySchema.describe('unexpected error; details only in the server log'),
  503: ErrorBodySchema.describe('a store did not answer'),
};
