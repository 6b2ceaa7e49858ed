import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, PASSWORD, signUp, uniqueEmail, type Team } from './support/team.ts';

interface MembersData {
  members: { userId: string; email: string; role: string; joinedAt: string }[];
  invitations: { id: string; email: string; role: string; createdAt: string; expiresAt: string }[];
}

describe('members procedures', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('members');
    team = await createTeam(server, 'members');
  });
  afterAll(() => server?.stop());

  const roleOf = async (userId: string) =>
    (
      await server.prisma.membership.findUnique({
        where: { accountId_userId: { accountId: team.accountId, userId } },
      })
    )?.role;

  it('lists members with roles and pending invitations (any member may read)', async () => {
    const email = uniqueEmail('pending');
    const invited = await team.admin.client.ok<{
      kind: string;
      invitation: MembersData['invitations'][number];
    }>('mutation', 'members.invite', { email, role: 'developer' });
    expect(invited).toEqual({
      kind: 'invitation',
      invitation: {
        id: expect.any(String),
        email,
        role: 'developer',
        createdAt: expect.any(String),
        expiresAt: expect.any(String),
      },
    });
    const listed = await team.readOnly.client.ok<MembersData>('query', 'members.list');
    expect(listed.members.map((member) => member.role)).toEqual(['owner', 'admin', 'developer', 'read_only']);
    expect(listed.invitations).toEqual([invited.invitation]);

    const duplicate = await team.admin.client.mutation('members.invite', { email, role: 'admin' });
    expect(duplicate.status).toBe(409);
    const member = await team.admin.client.mutation('members.invite', {
      email: team.developer.email,
      role: 'admin',
    });
    expect(member.status).toBe(409);
    expect(member.error?.message).toBe(`${team.developer.email} is already a member of this account`);

    const revoked = await team.admin.client.ok<{ id: string }>('mutation', 'members.revokeInvitation', {
      id: invited.invitation.id,
    });
    expect(revoked.id).toBe(invited.invitation.id);
    expect((await team.admin.client.ok<MembersData>('query', 'members.list')).invitations).toEqual([]);
    expect(
      (await team.admin.client.mutation('members.revokeInvitation', { id: invited.invitation.id })).status,
    ).toBe(404);
    // A revoked invitation is not accepted at sign-up.
    const late = server.client();
    await late.ok('mutation', 'auth.signUp', { email, password: PASSWORD, accountName: 'Late' });
    expect((await late.ok<{ accounts: unknown[] }>('query', 'auth.session')).accounts).toHaveLength(1);
  });

  it('gates invitations: admins invite, only owners invite owners, others are refused', async () => {
    for (const member of [team.developer, team.readOnly]) {
      const answer = await member.client.mutation('members.invite', {
        email: uniqueEmail('x'),
        role: 'read_only',
      });
      expect(answer.status).toBe(403);
    }
    const ownerByAdmin = await team.admin.client.mutation('members.invite', {
      email: uniqueEmail('boss'),
      role: 'owner',
    });
    expect(ownerByAdmin.status).toBe(403);
    expect(ownerByAdmin.error?.message).toMatch(/requires the owner role/);
    expect(
      (await team.owner.client.mutation('members.invite', { email: uniqueEmail('boss'), role: 'owner' }))
        .status,
    ).toBe(200);
    for (const member of [team.developer, team.readOnly]) {
      const list = await server.prisma.invitation.findMany({ where: { accountId: team.accountId } });
      const answer = await member.client.mutation('members.revokeInvitation', { id: list[0]!.id });
      expect(answer.status).toBe(403);
    }
  });

  it('changes roles: admins for non-owners, owners for owner grants; the last owner stays', async () => {
    const extra = await signUp(server, 'extra');
    await team.owner.client.ok('mutation', 'members.invite', { email: extra.email, role: 'read_only' });

    const promoted = await team.admin.client.ok<{ role: string }>('mutation', 'members.changeRole', {
      userId: extra.userId,
      role: 'developer',
    });
    expect(promoted.role).toBe('developer');
    expect(
      (await team.developer.client.mutation('members.changeRole', { userId: extra.userId, role: 'admin' }))
        .status,
    ).toBe(403);
    const toOwner = await team.admin.client.mutation('members.changeRole', {
      userId: extra.userId,
      role: 'owner',
    });
    expect(toOwner.status).toBe(403);
    const demoteOwner = await team.admin.client.mutation('members.changeRole', {
      userId: team.owner.userId,
      role: 'admin',
    });
    expect(demoteOwner.status).toBe(403);
    expect(await roleOf(team.owner.userId)).toBe('owner');

    const lastOwner = await team.owner.client.mutation('members.changeRole', {
      userId: team.owner.userId,
      role: 'admin',
    });
    expect(lastOwner.status).toBe(412);
    expect(lastOwner.error?.message).toBe(
      'cannot demote the last owner: an account must keep at least one owner',
    );

    await team.owner.client.ok('mutation', 'members.changeRole', { userId: extra.userId, role: 'owner' });
    expect(await roleOf(extra.userId)).toBe('owner');
    // Two owners now: one may step down.
    await extra.client.ok('mutation', 'auth.switchAccount', { accountId: team.accountId });
    await extra.client.ok('mutation', 'members.changeRole', { userId: extra.userId, role: 'read_only' });
    expect(await roleOf(extra.userId)).toBe('read_only');
    const unknown = await team.owner.client.mutation('members.changeRole', {
      userId: team.owner.accountId,
      role: 'admin',
    });
    expect(unknown.status).toBe(404);
  });

  it('removes members (admins, or yourself); the removed member’s session loses the account at once', async () => {
    const leaver = await signUp(server, 'leaver');
    const removed = await signUp(server, 'removed');
    for (const person of [leaver, removed]) {
      await team.owner.client.ok('mutation', 'members.invite', { email: person.email, role: 'developer' });
      await person.client.ok('mutation', 'auth.switchAccount', { accountId: team.accountId });
    }
    expect((await team.developer.client.mutation('members.remove', { userId: removed.userId })).status).toBe(
      403,
    );
    expect(await team.admin.client.ok('mutation', 'members.remove', { userId: removed.userId })).toEqual({
      ok: true,
    });
    expect(await roleOf(removed.userId)).toBeUndefined();
    expect((await removed.client.query('namespaces.list')).status).toBe(401);

    expect(await leaver.client.ok('mutation', 'members.remove', { userId: leaver.userId })).toEqual({
      ok: true,
    });
    expect(await roleOf(leaver.userId)).toBeUndefined();

    const ownerByAdmin = await team.admin.client.mutation('members.remove', { userId: team.owner.userId });
    expect(ownerByAdmin.status).toBe(403);
    const lastOwner = await team.owner.client.mutation('members.remove', { userId: team.owner.userId });
    expect(lastOwner.status).toBe(412);
    expect(await roleOf(team.owner.userId)).toBe('owner');
  });
});
