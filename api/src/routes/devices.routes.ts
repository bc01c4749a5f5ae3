import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDevice,
  getDevice,
  issueDeviceSecret,
  listDevices,
  setDeviceRetired,
  withTransaction,
  type Device,
  type PgPool,
} from '../../../core/src/index.js';
import { auditChange } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { PageQuerySchema, iso, isoOrNull, SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import {
  CreateDeviceBodySchema,
  DeviceCredentialsSchema,
  DeviceIdParamsSchema,
  DeviceSchema,
} from '../schemas/registry.schema.js';

const view = (d: Device) => ({
  ...d,
  createdAt: iso(d.createdAt),
  retiredAt: isoOrNull(d.retiredAt),
  credentialRotatedAt: isoOrNull(d.credentialRotatedAt),
});
const security = SECURED;
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const config = { access: 'admin' as const };

/** Watches and their broker credentials (admins); a secret is shown once, stored hashed. */
export const devicesRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/devices',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Devices',
        security,
        querystring: PageQuerySchema,
        response: { 200: z.object({ items: z.array(DeviceSchema) }), ...errors },
      },
    },
    async (req) => ({ items: (await listDevices(pool, req.query)).map(view) }),
  );

  app.post(
    '/devices',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Register a device and generate its MQTT credentials (the secret is shown once)',
        security,
        body: CreateDeviceBodySchema,
        response: { 201: z.object({ device: DeviceSchema, credentials: DeviceCredentialsSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const credentials = await withTransaction(pool, async (db) => {
        await createDevice(db, req.body);
        const c = await issueDeviceSecret(db, req.body.id);
        await auditChange(db, req, { action: 'device.created', detail: { deviceId: req.body.id } });
        return c;
      });
      return reply.code(201).send({ device: view((await getDevice(pool, req.body.id))!), credentials });
    },
  );

  app.patch(
    '/devices/:id',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Retire (or bring back) a device',
        security,
        params: DeviceIdParamsSchema,
        body: z.object({ retired: z.boolean() }),
        response: { 200: DeviceSchema, ...errors },
      },
    },
    async (req) => {
      await withTransaction(pool, async (db) => {
        if (!(await setDeviceRetired(db, req.params.id, req.body.retired)))
          throw new NotFoundError(`no device ${req.params.id}`);
        await auditChange(db, req, {
          action: 'device.updated',
          detail: { deviceId: req.params.id, retired: req.body.retired },
        });
      });
      return view((await getDevice(pool, req.params.id))!);
    },
  );

  app.post(
    '/devices/:id/credentials',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Generate a new MQTT secret (the old one stops working; shown once)',
        security,
        params: DeviceIdParamsSchema,
        response: { 200: DeviceCredentialsSchema, ...errors },
      },
    },
    async (req) => {
      if (!(await getDevice(pool, req.params.id))) throw new NotFoundError(`no device ${req.params.id}`);
      return withTransaction(pool, async (db) => {
        const c = await issueDeviceSecret(db, req.params.id);
        await auditChange(db, req, { action: 'device.credentials_rotated', detail: { deviceId: req.params.id } });
        return c;
      });
    },
  );
};
