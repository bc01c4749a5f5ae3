// Regenerates api/openapi.json: `npx tsx api/src/openapi/write-openapi.ts`
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { OPENAPI_FILE, renderOpenApiDocument } from './openapi-document.js';

await writeFile(OPENAPI_FILE, await renderOpenApiDocument());
process.stdout.write(`wrote ${fileURLToPath(OPENAPI_FILE)}\n`);
