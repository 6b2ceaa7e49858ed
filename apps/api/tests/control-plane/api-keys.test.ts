import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyMatches } from '../../src/control-plane/api-keys/api-key-secret.ts';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, type Team } from './support/team.ts';

interface ApiKeyData {
  id: string;
  name: string;
  prefix: string;
  role: string;
  allNamespaces: boolean;
  namespaces: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdBy: string | null;
}

describe('apiKeys procedures', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('api-keys');
    team = await createTeam(server, 'keys');
    await team.admin.client.ok('mutation', 'namespaces.create', { name: 'keys-a' });
    await team.admin.client.ok('mutation', 'namespaces.create', { name: 'keys-b' });
  });
  afterAll(() => server?.stop());

  it('creates a key shown once, stored as a hash, scoped to all namespaces', async () => {
    const created = await team.developer.client.ok<{ key: string; apiKey: ApiKeyData }>(
      'mutation',
      'apiKeys.create',
      {
        name: 'ci',
        role: 'developer',
        scope: { all: true },
      },
    );
    expect(created.key).toMatch(/^kairos_[a-z2-7]{10}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toEqual({
      id: expect.any(String),
      name: 'ci',
      prefix: created.key.slice(0, 17),
      role: 'developer',
      allNamespaces: true,
      namespaces: [],
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      revokedAt: null,
      lastUsedAt: null,
      createdBy: team.developer.email,
    });
    const lifetimeDays =
      (Date.parse(created.apiKey.expiresAt) - Date.parse(created.apiKey.createdAt)) / 86_400_000;
    expect(Math.round(lifetimeDays)).toBe(90);
    const row = await server.prisma.apiKey.findUniqueOrThrow({ where: { id: created.apiKey.id } });
    expect(row.secretHash).not.toContain(created.key);
    expect(apiKeyMatches(created.key, row.secretHash)).toBe(true);

    const listed = await team.readOnly.client.ok<ApiKeyData[]>('query', 'apiKeys.list');
    expect(listed).toEqual([created.apiKey]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it('scopes a key to named namespaces of the account, with an expiry', async () => {
    const created = await team.admin.client.ok<{ apiKey: ApiKeyData }>('mutation', 'apiKeys.create', {
      name: 'billing worker',
      role: 'read_only',
      scope: { namespaces: ['keys-b', 'keys-a', 'keys-a'] },
      expiresInDays: 7,
    });
    expect(created.apiKey.allNamespaces).toBe(false);
    expect([...created.apiKey.namespaces].sort()).toEqual(['keys-a', 'keys-b']);
    expect(
      Math.round((Date.parse(created.apiKey.expiresAt) - Date.parse(created.apiKey.createdAt)) / 86_400_000),
    ).toBe(7);

    const unknown = await team.admin.client.mutation('apiKeys.create', {
      name: 'x',
      role: 'read_only',
      scope: { namespaces: ['keys-a', 'no-such-ns'] },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.error?.message).toBe('namespace no-such-ns is not found');
  });

  it("refuses a key role above the creator's, and key creation to read-only members", async () => {
    const tooStrong = await team.developer.client.mutation('apiKeys.create', {
      name: 'x',
      role: 'admin',
      scope: { all: true },
    });
    expect(tooStrong.status).toBe(403);
    expect(tooStrong.error?.message).toMatch(/may not exceed yours/);
    const readOnly = await team.readOnly.client.mutation('apiKeys.create', {
      name: 'x',
      role: 'read_only',
      scope: { all: true },
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.error?.message).toMatch(/requires the developer role or higher/);
    const owner = await team.owner.client.mutation('apiKeys.create', {
      name: 'x',
      role: 'owner',
      scope: { all: true },
    });
    expect(owner.status).toBe(400); // no key ever carries the owner role
    expect(owner.error?.data.fieldErrors).toHaveProperty('role');
  });

  it('lets the creator and admins revoke a key, not other developers; revoking twice changes nothing', async () => {
    const mine = await team.developer.client.ok<{ apiKey: ApiKeyData }>('mutation', 'apiKeys.create', {
      name: 'mine',
      role: 'read_only',
      scope: { all: true },
    });
    const admins = await team.admin.client.ok<{ apiKey: ApiKeyData }>('mutation', 'apiKeys.create', {
      name: 'admins',
      role: 'developer',
      scope: { all: true },
    });
    const refused = await team.developer.client.mutation('apiKeys.revoke', { id: admins.apiKey.id });
    expect(refused.status).toBe(403);
    expect(
      (await server.prisma.apiKey.findUniqueOrThrow({ where: { id: admins.apiKey.id } })).revokedAt,
    ).toBeNull();

    const revoked = await team.developer.client.ok<ApiKeyData>('mutation', 'apiKeys.revoke', {
      id: mine.apiKey.id,
    });
    expect(revoked.revokedAt).toEqual(expect.stringMatching(/Z$/));
    const again = await team.developer.client.ok<ApiKeyData>('mutation', 'apiKeys.revoke', {
      id: mine.apiKey.id,
    });
    expect(again.revokedAt).toBe(revoked.revokedAt);
    expect(
      await server.prisma.auditLogEntry.count({
        where: { action: 'api_key.revoke', targetId: mine.apiKey.id },
      }),
    ).toBe(1);

    const byAdmin = await team.admin.client.ok<ApiKeyData>('mutation', 'apiKeys.revoke', {
      id: admins.apiKey.id,
    });
    expect(byAdmin.revokedAt).not.toBeNull();
    const unknown = await team.admin.client.mutation('apiKeys.revoke', {
      id: '00000000-0000-4000-8000-00000000beef',
    });
    expect(unknown.status).toBe(404);
  });
});
