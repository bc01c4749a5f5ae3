import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A JSON schema of Grafana's dashboard model (schema v1, the JSON Grafana provisions), derived
 * from the type declarations of @grafana/grafana-foundation-sdk (Grafana's own generated types):
 * for each interface below, exactly its fields are allowed, its non-optional fields required.
 * Field types are pinned where a wrong type would break Grafana (grid, ids, panels, targets,
 * datasources, variables, thresholds); the rest only have to exist on the interface.
 */
const require = createRequire(import.meta.url);
const sdkDir = dirname(require.resolve('@grafana/grafana-foundation-sdk/dashboard'));
const dts = readFileSync(join(sdkDir, 'types.gen.d.ts'), 'utf8');
const commonDts = readFileSync(join(sdkDir, '../common/types.gen.d.ts'), 'utf8');

export interface SdkField {
  name: string;
  optional: boolean;
}

/** Top-level fields of `export interface <name> { ... }` (members are indented four spaces). */
export function sdkInterfaceFields(name: string, source = dts): SdkField[] {
  const start = source.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`the SDK declares no interface ${name}`);
  const body = source.slice(start, source.indexOf('\n}', start));
  return [...body.matchAll(/^ {4}(\w+)(\?)?:/gm)].map((m) => ({ name: m[1]!, optional: m[2] === '?' }));
}

type Schema = Record<string, unknown>;

function fromInterface(name: string, pinned: Record<string, Schema> = {}, source = dts): Schema {
  const fields = sdkInterfaceFields(name, source);
  for (const key of Object.keys(pinned)) {
    if (!fields.some((f) => f.name === key)) throw new Error(`pinned field ${name}.${key} is not in the SDK's ${name}`);
  }
  return {
    type: 'object',
    additionalProperties: false,
    required: fields.filter((f) => !f.optional).map((f) => f.name),
    properties: Object.fromEntries(fields.map((f) => [f.name, pinned[f.name] ?? {}])),
  };
}

const int = { type: 'integer', minimum: 0 };
const ref = (def: string) => ({ $ref: `#/definitions/${def}` });

export function dashboardSchema(): Schema {
  return {
    $ref: '#/definitions/Dashboard',
    definitions: {
      Dashboard: fromInterface('Dashboard', {
        uid: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' },
        title: { type: 'string', minLength: 1 },
        schemaVersion: { type: 'integer', minimum: 36 },
        tags: { type: 'array', items: { type: 'string' } },
        time: {
          type: 'object',
          required: ['from', 'to'],
          properties: { from: { type: 'string' }, to: { type: 'string' } },
        },
        panels: { type: 'array', items: { oneOf: [ref('RowPanel'), ref('Panel')] } },
        templating: {
          type: 'object',
          additionalProperties: false,
          properties: { list: { type: 'array', items: ref('VariableModel') } },
        },
        annotations: fromInterface('AnnotationContainer'),
        refresh: { type: 'string' },
        timezone: { type: 'string' },
      }),
      Panel: fromInterface('Panel', {
        type: { type: 'string', not: { const: 'row' } },
        id: { type: 'integer', minimum: 1 },
        title: { type: 'string', minLength: 1 },
        gridPos: ref('GridPos'),
        datasource: ref('DataSourceRef'),
        targets: { type: 'array', minItems: 1, items: ref('Target') },
        transformations: {
          type: 'array',
          items: fromInterface('DataTransformerConfig', { id: { type: 'string' }, options: { type: 'object' } }),
        },
        fieldConfig: fromInterface('FieldConfigSource', {
          defaults: fromInterface('FieldConfig', {
            thresholds: fromInterface('ThresholdsConfig', { mode: { enum: ['absolute', 'percentage'] } }),
          }),
          overrides: { type: 'array' },
        }),
        options: { type: 'object' },
      }),
      RowPanel: fromInterface('RowPanel', {
        type: { const: 'row' },
        id: { type: 'integer', minimum: 1 },
        collapsed: { type: 'boolean' },
        gridPos: ref('GridPos'),
        panels: { type: 'array', items: ref('Panel') },
      }),
      GridPos: fromInterface('GridPos', {
        h: { type: 'integer', minimum: 1 },
        w: { type: 'integer', minimum: 1, maximum: 24 },
        x: int,
        y: int,
      }),
      DataSourceRef: fromInterface('DataSourceRef', { type: { type: 'string' }, uid: { type: 'string' } }, commonDts),
      // cog.Dataquery is open per datasource; Grafana needs a refId and a datasource on each
      Target: {
        type: 'object',
        required: ['refId', 'datasource'],
        properties: { refId: { type: 'string', pattern: '^[A-Z]$' }, datasource: ref('DataSourceRef') },
      },
      VariableModel: fromInterface('VariableModel', {
        type: {
          enum: ['query', 'adhoc', 'constant', 'datasource', 'interval', 'textbox', 'custom', 'system', 'switch'],
        },
        name: { type: 'string', pattern: '^\\w+$' },
        datasource: ref('DataSourceRef'),
      }),
    },
  };
}
