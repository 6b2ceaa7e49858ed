import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, PASSWORD, uniqueEmail, type Team } from './support/team.ts';

type Limit = { value: number; source: 'plan' | 'override' };
interface QuotaData {
  namespace: string;
  limits: {
    requestsPerSecond: Limit;
    actionsPerSecond: Limit;
    maxOpenWorkflows: Limit;
    maxConcurrentPollers: Limit;
  };
}
interface AuditData {
  entries: {
    id: string;
    actor: { type: string; label: string };
    action: string;
    targetType: string;
    targetId: string | null;
    details: Record<string, unknown>;
    createdAt: string;
  }[];
  nextCursor: string | null;
}

describe('quotas and audit procedures', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('quotas-audit');
    team = await createTeam(server, 'quota');
    await team.admin.client.ok('mutation', 'namespaces.create', { name: 'quota-a' });
    await team.admin.client.ok('mutation', 'namespaces.create', { name: 'quota-b' });
  });
  afterAll(() => server?.stop());

  describe('quotas', () => {
    it("lists every namespace's limits at the plan's defaults", async () => {
      const listed = await team.readOnly.client.ok<QuotaData[]>('query', 'quotas.list');
      expect(listed).toEqual(
        ['quota-a', 'quota-b'].map((namespace) => ({
          namespace,
          limits: {
            requestsPerSecond: { value: 400, source: 'plan' },
            actionsPerSecond: { value: 200, source: 'plan' },
            maxOpenWorkflows: { value: 100_000, source: 'plan' },
            maxConcurrentPollers: { value: 500, source: 'plan' },
          },
        })),
      );
    });

    it('overrides limits (admin+), leaves unnamed ones alone, and null returns to the default', async () => {
      const updated = await team.admin.client.ok<QuotaData>('mutation', 'quotas.update', {
        namespace: 'quota-a',
        requestsPerSecond: 25,
        maxOpenWorkflows: 10,
      });
      expect(updated.limits).toEqual({
        requestsPerSecond: { value: 25, source: 'override' },
        actionsPerSecond: { value: 200, source: 'plan' },
        maxOpenWorkflows: { value: 10, source: 'override' },
        maxConcurrentPollers: { value: 500, source: 'plan' },
      });
      const again = await team.owner.client.ok<QuotaData>('mutation', 'quotas.update', {
        namespace: 'quota-a',
        requestsPerSecond: null,
        actionsPerSecond: 5,
      });
      expect(again.limits).toEqual({
        requestsPerSecond: { value: 400, source: 'plan' },
        actionsPerSecond: { value: 5, source: 'override' },
        maxOpenWorkflows: { value: 10, source: 'override' },
        maxConcurrentPollers: { value: 500, source: 'plan' },
      });
      const listed = await team.developer.client.ok<QuotaData[]>('query', 'quotas.list');
      expect(listed[0]).toEqual(again);
      // The plan follows the account.
      await server.prisma.account.update({ where: { id: team.accountId }, data: { plan: 'free' } });
      const free = await team.developer.client.ok<QuotaData[]>('query', 'quotas.list');
      expect(free[1]!.limits.requestsPerSecond).toEqual({ value: 50, source: 'plan' });
      expect(free[0]!.limits.actionsPerSecond).toEqual({ value: 5, source: 'override' });
      await server.prisma.account.update({ where: { id: team.accountId }, data: { plan: 'standard' } });
    });

    it('refuses developers and read-only members, and unknown namespaces', async () => {
      for (const member of [team.developer, team.readOnly]) {
        const answer = await member.client.mutation('quotas.update', {
          namespace: 'quota-b',
          requestsPerSecond: 1,
        });
        expect(answer.status).toBe(403);
      }
      expect(await server.prisma.namespaceQuota.count({ where: { namespace: { name: 'quota-b' } } })).toBe(0);
      const unknown = await team.admin.client.mutation('quotas.update', {
        namespace: 'nope',
        requestsPerSecond: 1,
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe('audit log', () => {
    it('records one entry per change, in the same transaction, newest first, for admins only', async () => {
      const before = await team.admin.client.ok<AuditData>('query', 'audit.list', { limit: 100 });
      const key = await team.admin.client.ok<{ key: string; apiKey: { id: string } }>(
        'mutation',
        'apiKeys.create',
        {
          name: 'audited',
          role: 'developer',
          scope: { all: true },
        },
      );
      await team.admin.client.ok('mutation', 'apiKeys.revoke', { id: key.apiKey.id });
      const after = await team.admin.client.ok<AuditData>('query', 'audit.list', { limit: 100 });
      expect(after.entries.length - before.entries.length).toBe(2);
      const [revoke, create] = after.entries;
      expect(revoke).toMatchObject({
        actor: { type: 'user', label: team.admin.email },
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: key.apiKey.id,
        details: { name: 'audited', prefix: key.key.slice(0, 17) },
      });
      expect(create).toMatchObject({
        action: 'api_key.create',
        details: { role: 'developer', allNamespaces: true },
      });
      expect(Number(revoke!.id)).toBeGreaterThan(Number(create!.id));

      for (const member of [team.developer, team.readOnly])
        expect((await member.client.query('audit.list')).status).toBe(403);
    });

    it('has an entry for every kind of change the console makes', async () => {
      const actions = new Set(
        (await server.prisma.auditLogEntry.findMany({ where: { accountId: team.accountId } })).map(
          (entry) => entry.action,
        ),
      );
      // account.create (sign-up), member.invite (createTeam), namespace.create, quota.update, api_key.* above.
      await team.owner.client.ok('mutation', 'namespaces.update', { name: 'quota-b', retentionDays: 9 });
      await team.owner.client.ok('mutation', 'namespaces.create', { name: 'quota-gone' });
      await team.owner.client.ok('mutation', 'namespaces.delete', { name: 'quota-gone' });
      const invited = await team.owner.client.ok<{ invitation: { id: string } }>(
        'mutation',
        'members.invite',
        {
          email: uniqueEmail('audited'),
          role: 'developer',
        },
      );
      await team.owner.client.ok('mutation', 'members.revokeInvitation', { id: invited.invitation.id });
      await team.owner.client.ok('mutation', 'members.changeRole', {
        userId: team.readOnly.userId,
        role: 'developer',
      });
      await team.owner.client.ok('mutation', 'members.changeRole', {
        userId: team.readOnly.userId,
        role: 'read_only',
      });
      const leaving = server.client();
      const email = uniqueEmail('leaving');
      await team.owner.client.ok('mutation', 'members.invite', { email, role: 'read_only' });
      const signed = await leaving.ok<{ user: { id: string } }>('mutation', 'auth.signUp', {
        email,
        password: PASSWORD,
        accountName: 'L',
      });
      await team.owner.client.ok('mutation', 'members.remove', { userId: signed.user.id });

      const all = await server.prisma.auditLogEntry.findMany({ where: { accountId: team.accountId } });
      for (const entry of all) actions.add(entry.action);
      expect([...actions].sort()).toEqual([
        'account.create',
        'api_key.create',
        'api_key.revoke',
        'invitation.revoke',
        'member.invite',
        'member.remove',
        'member.role_change',
        'namespace.create',
        'namespace.delete',
        'namespace.update',
        'quota.update',
      ]);
      const update = all.find((entry) => entry.action === 'namespace.update');
      expect(update?.details).toEqual({ name: 'quota-b', changes: { retentionDays: { from: 30, to: 9 } } });
    });

    it('pages with an opaque cursor without repeats or gaps', async () => {
      const everything = await team.admin.client.ok<AuditData>('query', 'audit.list', { limit: 100 });
      expect(everything.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page: AuditData = await team.admin.client.ok<AuditData>('query', 'audit.list', {
          limit: 3,
          cursor,
        });
        expect(page.entries.length).toBeLessThanOrEqual(3);
        seen.push(...page.entries.map((entry) => entry.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(everything.entries.map((entry) => entry.id));
      const bad = await team.admin.client.query('audit.list', { cursor: 'bm9wZQ' });
      expect(bad.status).toBe(400);
      expect(bad.error?.data.fieldErrors).toEqual({ cursor: ['is not a cursor returned by audit.list'] });
    });

    it('is append-only: the database refuses UPDATE and DELETE', async () => {
      const entry = await server.prisma.auditLogEntry.findFirstOrThrow({
        where: { accountId: team.accountId },
      });
      await expect(
        server.prisma.$executeRaw`UPDATE audit_log SET action = 'forged' WHERE id = ${entry.id}`,
      ).rejects.toThrow(/append-only \(UPDATE refused\)/);
      await expect(server.prisma.$executeRaw`DELETE FROM audit_log WHERE id = ${entry.id}`).rejects.toThrow(
        /append-only \(DELETE refused\)/,
      );
      expect((await server.prisma.auditLogEntry.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe(
        entry.action,
      );
    });

    it('never holds or logs a secret: passwords, API keys, session and CSRF tokens', async () => {
      const client = server.client();
      const email = uniqueEmail('secretive');
      const password = 'a very secret passphrase 42';
      await client.ok('mutation', 'auth.signUp', { email, password, accountName: 'Secretive' });
      await client.mutation('auth.logIn', { email, password: 'wrong but also secret 99' });
      await client.ok('mutation', 'auth.logIn', { email, password });
      const key = await client.ok<{ key: string }>('mutation', 'apiKeys.create', {
        name: 'k',
        role: 'admin',
        scope: { all: true },
      });
      const secrets = [
        password,
        'wrong but also secret 99',
        key.key,
        key.key.slice(18), // the random part alone
        client.cookies.get('kairos_session')!,
        client.cookies.get('kairos_csrf')!,
      ];
      const audit = JSON.stringify(await server.prisma.auditLogEntry.findMany(), (_key, value: unknown) =>
        typeof value === 'bigint' ? value.toString() : value,
      );
      const logs = server.logText();
      expect(logs.length).toBeGreaterThan(0);
      for (const secret of secrets) {
        expect(audit).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    });
  });
});
