// npm run admin:create -- --email you@example.org [--name "表示名"]
// Creates the first (or another) admin account. The password comes from MIMAMORI_ADMIN_PASSWORD
// when set, else a random one is printed once. Change it after signing in (POST /v1/auth/password).
import { Command } from 'commander';
import { z } from 'zod';
import {
  createAccount,
  createPgPool,
  hashPassword,
  loadConfigOrExit,
  logFragment,
  postgresFragment,
  randomPassword,
  withTransaction,
  writeAudit,
} from '../core/src/index.js';

const config = loadConfigOrExit(
  z.object({
    ...postgresFragment,
    ...logFragment,
    MIMAMORI_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').max(256).optional(),
  }),
  'admin:create',
);

const opts = new Command('admin:create')
  .description('create an admin account (registry and account management; no vitals unless granted)')
  .requiredOption('--email <email>', 'sign-in e-mail address')
  .option('--name <name>', 'display name', '管理者')
  .parse()
  .opts<{ email: string; name: string }>();

if (!z.email().safeParse(opts.email).success) {
  process.stderr.write(`admin:create: not an e-mail address: ${opts.email}\n`);
  process.exit(1);
}

const password = config.MIMAMORI_ADMIN_PASSWORD ?? randomPassword();
const pool = createPgPool(config.DATABASE_URL, 1);
try {
  const account = await withTransaction(pool, async (db) => {
    const a = await createAccount(db, {
      email: opts.email,
      displayName: opts.name,
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    await writeAudit(db, {
      actor: 'cli:admin-create',
      action: 'account.created',
      subjectAccountId: a.id,
      detail: { role: 'admin' },
    });
    return a;
  });
  process.stdout.write(`created admin ${account.email} (${account.id})\n`);
  if (!config.MIMAMORI_ADMIN_PASSWORD) process.stdout.write(`password (shown once): ${password}\n`);
  process.stdout.write(
    'sign in: POST /v1/auth/login {"email","password"}; then turn on two-factor sign-in (POST /v1/auth/totp/setup)\n',
  );
} catch (err) {
  if ((err as { code?: string }).code === '23505') {
    process.stderr.write(`admin:create: an account with the e-mail ${opts.email} exists already\n`);
    process.exitCode = 1;
  } else throw err;
} finally {
  await pool.end();
}
