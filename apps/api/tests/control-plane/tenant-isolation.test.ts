import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { PASSWORD, signUp, uniqueEmail, type SignedInClient } from './support/team.ts';

/**
 * Two accounts. Everything A's owner (the strongest role) can call is tried with B's ids and names:
 * each answer is NOT_FOUND (or, for global namespace names, CONFLICT without detail), no list shows
 * anything of B, and B's rows are byte-for-byte unchanged afterwards.
 */
describe('tenant isolation', () => {
  let server: ControlPlaneUnderTest;
  let a: SignedInClient;
  let b: SignedInClient;
  const bIds = {
    namespace: 'b-secret-ns',
    namespaceId: '',
    apiKeyId: '',
    apiKeyPrefix: '',
    memberId: '',
    invitationId: '',
  };

  async function snapshotOfB() {
    const where = { accountId: b.accountId };
    const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
    return JSON.stringify(
      {
        account: await server.prisma.account.findUnique({ where: { id: b.accountId } }),
        namespaces: await server.prisma.namespace.findMany({
          where,
          include: { quota: true },
          orderBy: { name: 'asc' },
        }),
        apiKeys: await server.prisma.apiKey.findMany({ where, orderBy: { id: 'asc' } }),
        memberships: await server.prisma.membership.findMany({ where, orderBy: { userId: 'asc' } }),
        invitations: await server.prisma.invitation.findMany({ where, orderBy: { id: 'asc' } }),
        audit: await server.prisma.auditLogEntry.findMany({ where, orderBy: { id: 'asc' } }),
      },
      replacer,
    );
  }

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('tenant-isolation');
    a = await signUp(server, 'tenant-a', 'Tenant A');
    b = await signUp(server, 'tenant-b', 'Tenant B');
    await a.client.ok('mutation', 'namespaces.create', { name: 'a-own-ns' });
    const namespace = await b.client.ok<{ id: string }>('mutation', 'namespaces.create', {
      name: bIds.namespace,
    });
    bIds.namespaceId = namespace.id;
    await b.client.ok('mutation', 'quotas.update', { namespace: bIds.namespace, requestsPerSecond: 7 });
    const key = await b.client.ok<{ apiKey: { id: string; prefix: string } }>('mutation', 'apiKeys.create', {
      name: 'b key',
      role: 'admin',
      scope: { all: true },
    });
    bIds.apiKeyId = key.apiKey.id;
    bIds.apiKeyPrefix = key.apiKey.prefix;
    const memberEmail = uniqueEmail('b-member');
    await b.client.ok('mutation', 'members.invite', { email: memberEmail, role: 'developer' });
    const member = server.client();
    const signed = await member.ok<{ user: { id: string } }>('mutation', 'auth.signUp', {
      email: memberEmail,
      password: PASSWORD,
      accountName: 'member own',
    });
    bIds.memberId = signed.user.id;
    const invitation = await b.client.ok<{ invitation: { id: string } }>('mutation', 'members.invite', {
      email: uniqueEmail('b-pending'),
      role: 'read_only',
    });
    bIds.invitationId = invitation.invitation.id;
  });
  afterAll(() => server?.stop());

  it("answers NOT_FOUND for every procedure given B's ids and names, and changes nothing of B", async () => {
    const before = await snapshotOfB();
    const attempts: [kind: 'query' | 'mutation', path: string, input: unknown][] = [
      ['mutation', 'auth.switchAccount', { accountId: b.accountId }],
      ['query', 'namespaces.get', { name: bIds.namespace }],
      ['query', 'namespaces.recentWorkflows', { name: bIds.namespace }],
      ['mutation', 'namespaces.update', { name: bIds.namespace, retentionDays: 1, description: 'pwned' }],
      ['mutation', 'namespaces.delete', { name: bIds.namespace, force: true }],
      [
        'mutation',
        'apiKeys.create',
        { name: 'steal', role: 'admin', scope: { namespaces: [bIds.namespace] } },
      ],
      ['mutation', 'apiKeys.revoke', { id: bIds.apiKeyId }],
      ['mutation', 'members.changeRole', { userId: bIds.memberId, role: 'read_only' }],
      ['mutation', 'members.changeRole', { userId: b.userId, role: 'read_only' }],
      ['mutation', 'members.remove', { userId: bIds.memberId }],
      ['mutation', 'members.remove', { userId: b.userId }],
      ['mutation', 'members.revokeInvitation', { id: bIds.invitationId }],
      [
        'mutation',
        'quotas.update',
        { namespace: bIds.namespace, requestsPerSecond: null, actionsPerSecond: 1 },
      ],
    ];
    for (const [kind, path, input] of attempts) {
      const answer =
        kind === 'query' ? await a.client.query(path, input) : await a.client.mutation(path, input);
      expect(answer.status, path).toBe(404);
      expect(answer.error?.data.code, path).toBe('NOT_FOUND');
      // The answer names only what the caller sent: not who owns it.
      expect(answer.error?.message, path).toMatch(/ is not found/);
      expect(answer.error?.message, path).not.toContain(b.email);
      expect(answer.error?.message, path).not.toContain('Tenant B');
    }
    // Namespace names are global (SDKs send only the name), so creating B's name is a conflict, with
    // nothing about who holds it.
    const taken = await a.client.mutation('namespaces.create', { name: bIds.namespace });
    expect(taken.status).toBe(409);
    expect(taken.error?.message).toBe(`namespace name ${bIds.namespace} is taken`);

    expect(await snapshotOfB()).toBe(before);
  });

  it('shows nothing of B in any list', async () => {
    const lists = await Promise.all(
      ['auth.session', 'namespaces.list', 'apiKeys.list', 'members.list', 'quotas.list'].map((path) =>
        a.client.ok<unknown>('query', path),
      ),
    );
    const audit = await a.client.ok<{ entries: { targetId: string | null }[] }>('query', 'audit.list', {
      limit: 100,
    });
    const everything = JSON.stringify([...lists, audit]);
    for (const secret of [
      b.accountId,
      b.email,
      bIds.namespace,
      bIds.namespaceId,
      bIds.apiKeyId,
      bIds.apiKeyPrefix,
      bIds.memberId,
      bIds.invitationId,
    ])
      expect(everything).not.toContain(secret);
    expect(JSON.stringify(lists[1])).toContain('a-own-ns');
    expect(audit.entries.length).toBeGreaterThan(0);
  });

  it("does not let a cursor from B's audit log reach B's entries", async () => {
    const bPage = await b.client.ok<{ entries: { id: string }[]; nextCursor: string | null }>(
      'query',
      'audit.list',
      { limit: 1 },
    );
    expect(bPage.nextCursor).not.toBeNull();
    const viaCursor = await a.client.ok<{ entries: { id: string; actor: { label: string } }[] }>(
      'query',
      'audit.list',
      {
        cursor: bPage.nextCursor,
        limit: 100,
      },
    );
    for (const entry of viaCursor.entries) expect(entry.actor.label).toBe(a.email);
  });

  it("keeps a member of both accounts to the selected account's data", async () => {
    // B invites A's owner as read-only: A's session still sees only A until it switches.
    await b.client.ok('mutation', 'members.invite', { email: a.email, role: 'read_only' });
    const listed = await a.client.ok<{ name: string }[]>('query', 'namespaces.list');
    expect(listed.map((namespace) => namespace.name)).toEqual(['a-own-ns']);
    await a.client.ok('mutation', 'auth.switchAccount', { accountId: b.accountId });
    const inB = await a.client.ok<{ name: string }[]>('query', 'namespaces.list');
    expect(inB.map((namespace) => namespace.name)).toEqual([bIds.namespace]);
    // ... with the role it has there: read-only may not change B.
    const refused = await a.client.mutation('namespaces.update', { name: bIds.namespace, retentionDays: 2 });
    expect(refused.status).toBe(403);
    const row = await server.prisma.namespace.findUniqueOrThrow({ where: { name: bIds.namespace } });
    expect(row.retentionDays).toBe(30);
  });
});
