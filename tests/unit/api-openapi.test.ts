import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../api/src/openapi/openapi-document.js';

describe('committed OpenAPI document', () => {
  it('matches the routes: regenerate with `npx tsx api/src/openapi/write-openapi.ts` when this fails', async () => {
    const committed = await readFile(OPENAPI_FILE, 'utf8');
    expect(committed).toBe(await renderOpenApiDocument());
  });
});
