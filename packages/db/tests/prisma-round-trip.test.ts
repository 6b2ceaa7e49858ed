import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../src/client.ts';
import {
  DEFAULT_NAMESPACE_NAME,
  SYSTEM_ACCOUNT_ID,
  ensureDefaultNamespace,
} from '../src/default-namespace.ts';
import { Prisma, type PrismaClient } from '../src/generated/prisma/client.ts';
import { applyMigrations } from '../src/migrate/apply-migrations.ts';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../src/testing/index.ts';

let database: ThrowawayDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  database = await createThrowawayDatabase('roundtrip');
  await applyMigrations(database.url);
  prisma = createPrismaClient(database.url);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

describe('Prisma client on the migrated schema', () => {
  it('writes an account with a user, membership and namespace and reads them back with relations', async () => {
    const account = await prisma.account.create({
      data: {
        name: 'Acme',
        memberships: {
          create: { role: 'owner', user: { create: { email: 'ada@acme.test', passwordHash: 'scrypt$…' } } },
        },
        namespaces: { create: { name: 'acme-prod', retentionDays: 7 } },
      },
    });

    const loaded = await prisma.account.findUniqueOrThrow({
      where: { id: account.id },
      include: { memberships: { include: { user: true } }, namespaces: true },
    });
    expect(loaded.name).toBe('Acme');
    expect(loaded.memberships).toHaveLength(1);
    expect(loaded.memberships[0]).toMatchObject({ role: 'owner', user: { email: 'ada@acme.test' } });
    expect(loaded.namespaces).toHaveLength(1);
    const namespace = loaded.namespaces[0];
    expect(namespace).toMatchObject({ name: 'acme-prod', retentionDays: 7, state: 'active' });
    expect(namespace?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(namespace?.createdAt).toBeInstanceOf(Date);

    const byUser = await prisma.user.findUniqueOrThrow({
      where: { email: 'ada@acme.test' },
      include: { memberships: { include: { account: { include: { namespaces: true } } } } },
    });
    expect(byUser.memberships[0]?.account.namespaces.map((ns) => ns.name)).toEqual(['acme-prod']);
  });

  it('defaults retention to 30 days and bumps updated_at on change', async () => {
    const account = await prisma.account.create({ data: { name: 'Defaults' } });
    const created = await prisma.namespace.create({ data: { name: 'defaults-ns', accountId: account.id } });
    expect(created.retentionDays).toBe(30);
    const updated = await prisma.namespace.update({ where: { id: created.id }, data: { state: 'deleted' } });
    expect(updated.state).toBe('deleted');
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
  });

  it('rejects a second namespace with the same name with P2002, even in another account', async () => {
    const first = await prisma.account.create({ data: { name: 'First' } });
    const second = await prisma.account.create({ data: { name: 'Second' } });
    await prisma.namespace.create({ data: { name: 'payments', accountId: first.id } });

    const duplicate = prisma.namespace.create({ data: { name: 'payments', accountId: second.id } });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: 'P2002' });
  });

  it('rejects a duplicate email with P2002', async () => {
    await prisma.user.create({ data: { email: 'dup@acme.test', passwordHash: 'x' } });
    await expect(
      prisma.user.create({ data: { email: 'dup@acme.test', passwordHash: 'y' } }),
    ).rejects.toMatchObject({
      code: 'P2002',
    });
  });

  it('enforces the 1-90 day retention range in the database', async () => {
    const account = await prisma.account.create({ data: { name: 'Retention' } });
    await expect(
      prisma.namespace.create({ data: { name: 'too-long', accountId: account.id, retentionDays: 91 } }),
    ).rejects.toThrow(/namespaces_retention_days_check/);
  });

  it('removes memberships with their account but keeps accounts that still own namespaces', async () => {
    const account = await prisma.account.create({
      data: {
        name: 'Leaving',
        memberships: {
          create: { role: 'read_only', user: { create: { email: 'bye@acme.test', passwordHash: 'x' } } },
        },
      },
    });
    await prisma.account.delete({ where: { id: account.id } });
    expect(await prisma.membership.count({ where: { accountId: account.id } })).toBe(0);
    expect(await prisma.user.count({ where: { email: 'bye@acme.test' } })).toBe(1);

    const owner = await prisma.account.create({
      data: { name: 'Owner', namespaces: { create: { name: 'kept' } } },
    });
    await expect(prisma.account.delete({ where: { id: owner.id } })).rejects.toMatchObject({ code: 'P2003' });
  });
});

describe('ensureDefaultNamespace', () => {
  it('creates the system account and the default namespace once, even when called concurrently', async () => {
    const results = await Promise.all([
      ensureDefaultNamespace(prisma),
      ensureDefaultNamespace(prisma),
      ensureDefaultNamespace(prisma),
    ]);
    expect(new Set(results.map((ns) => ns.id)).size).toBe(1);
    expect(results[0]).toMatchObject({
      name: DEFAULT_NAMESPACE_NAME,
      accountId: SYSTEM_ACCOUNT_ID,
      retentionDays: 30,
    });
    expect(await prisma.account.findUniqueOrThrow({ where: { id: SYSTEM_ACCOUNT_ID } })).toMatchObject({
      name: 'system',
    });

    const again = await ensureDefaultNamespace(prisma);
    expect(again.id).toBe(results[0]?.id);
    expect(await prisma.namespace.count({ where: { name: DEFAULT_NAMESPACE_NAME } })).toBe(1);
  });

  it('leaves an existing default namespace as it is', async () => {
    await prisma.namespace.update({ where: { name: DEFAULT_NAMESPACE_NAME }, data: { retentionDays: 3 } });
    expect((await ensureDefaultNamespace(prisma)).retentionDays).toBe(3);
  });
});
