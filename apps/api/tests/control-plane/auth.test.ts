import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { PASSWORD, signUp, uniqueEmail } from './support/team.ts';

interface SessionData {
  user: { id: string; email: string };
  account: { id: string; name: string; plan: string };
  role: string;
  accounts: { id: string; name: string; role: string }[];
  csrfToken: string;
}

describe('console auth over /trpc', () => {
  let server: ControlPlaneUnderTest;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('auth');
  });
  afterAll(() => server?.stop());

  it('signs up: account on the standard plan, owner membership, cookies set as the contract says', async () => {
    const client = server.client();
    const csrf = await client.query<{ csrfToken: string }>('auth.csrf');
    expect(csrf.data?.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrf.headers.getSetCookie()).toEqual([
      `kairos_csrf=${csrf.data?.csrfToken}; Path=/; SameSite=Strict`,
    ]);
    // Asking again keeps the cookie's token.
    expect((await client.query<{ csrfToken: string }>('auth.csrf')).data?.csrfToken).toBe(
      csrf.data?.csrfToken,
    );

    const email = uniqueEmail('Ada');
    const answer = await client.mutation<{
      user: { id: string; email: string };
      account: { id: string; name: string };
    }>('auth.signUp', {
      email: email.toUpperCase(),
      password: PASSWORD,
      accountName: '  Analytical Engines  ',
    });
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({
      user: { id: expect.any(String), email: email.toLowerCase() },
      account: { id: expect.any(String), name: 'Analytical Engines' },
    });
    const cookies = answer.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(
      /^kairos_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=60479\d; HttpOnly; SameSite=Lax$/,
    );
    expect(cookies[1]).toMatch(/^kairos_csrf=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=60479\d; SameSite=Strict$/);

    const session = await client.ok<SessionData>('query', 'auth.session');
    expect(session).toEqual({
      user: { id: answer.data!.user.id, email: email.toLowerCase() },
      account: { id: answer.data!.account.id, name: 'Analytical Engines', plan: 'standard' },
      role: 'owner',
      accounts: [{ id: answer.data!.account.id, name: 'Analytical Engines', role: 'owner' }],
      csrfToken: client.cookies.get('kairos_csrf'),
    });

    // Only hashes are stored.
    const user = await server.prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    const rows = await server.prisma.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toBe(client.cookies.get('kairos_session'));
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it('refuses a second sign-up for the same email with CONFLICT', async () => {
    const first = await signUp(server, 'twice');
    const again = await server.client().mutation('auth.signUp', {
      email: first.email.toUpperCase(),
      password: PASSWORD,
      accountName: 'Other',
    });
    expect(again.status).toBe(409);
    expect(again.error?.data.code).toBe('CONFLICT');
    expect(again.error?.message).toContain('already registered');
  });

  it('logs in, answers the same UNAUTHORIZED for a wrong password and an unknown email', async () => {
    const { email } = await signUp(server, 'login');
    const client = server.client();
    const wrong = await client.mutation('auth.logIn', { email, password: 'not the password' });
    const unknown = await client.mutation('auth.logIn', { email: uniqueEmail('nobody'), password: PASSWORD });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.error?.data.code).toBe('UNAUTHORIZED');
      expect(answer.error?.message).toBe('email or password is wrong');
    }
    const ok = await client.mutation<{ user: { email: string } }>('auth.logIn', {
      email: email.toUpperCase(),
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.data?.user.email).toBe(email);
    expect(client.cookies.get('kairos_session')).toBeTruthy();
    expect((await client.ok<SessionData>('query', 'auth.session')).user.email).toBe(email);
  });

  it('logs out: the session row goes, cookies are cleared, and the old cookie no longer works', async () => {
    const { client } = await signUp(server, 'logout');
    const stolenCookie = client.cookies.get('kairos_session')!;
    const stolenCsrf = client.cookies.get('kairos_csrf')!;
    const answer = await client.mutation('auth.logOut');
    expect(answer.data).toEqual({ ok: true });
    expect(answer.headers.getSetCookie()).toEqual([
      'kairos_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
      'kairos_csrf=; Path=/; Max-Age=0; SameSite=Strict',
    ]);
    expect(client.cookies.has('kairos_session')).toBe(false);
    expect((await client.query('auth.session')).data).toBeNull();

    const replay = server.client();
    replay.cookies.set('kairos_session', stolenCookie);
    replay.cookies.set('kairos_csrf', stolenCsrf);
    expect((await replay.query('auth.session')).data).toBeNull();
    const list = await replay.query('namespaces.list');
    expect(list.status).toBe(401);
    expect(list.error?.message).toBe('sign in first');
  });

  it('expires sessions after 7 days', async () => {
    const { client, userId } = await signUp(server, 'expiry');
    await server.prisma.session.updateMany({
      where: { userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await client.query('auth.session')).data).toBeNull();
    expect(await server.prisma.session.count({ where: { userId } })).toBe(0);
  });

  it('switches between accounts the user belongs to, and only those', async () => {
    const inviter = await signUp(server, 'inviter', 'Inviter Co');
    const stranger = await signUp(server, 'stranger', 'Stranger Co');
    const invitee = await signUp(server, 'invitee', 'Invitee Co');
    await inviter.client.ok('mutation', 'members.invite', { email: invitee.email, role: 'developer' });

    const session = await invitee.client.ok<SessionData>('query', 'auth.session');
    expect(session.account.id).toBe(invitee.accountId);
    expect(session.accounts.map((account) => [account.name, account.role])).toEqual([
      ['Invitee Co', 'owner'],
      ['Inviter Co', 'developer'],
    ]);

    const switched = await invitee.client.ok<SessionData>('mutation', 'auth.switchAccount', {
      accountId: inviter.accountId,
    });
    expect(switched.account).toEqual({ id: inviter.accountId, name: 'Inviter Co', plan: 'standard' });
    expect(switched.role).toBe('developer');
    expect((await invitee.client.ok<SessionData>('query', 'auth.session')).account.id).toBe(
      inviter.accountId,
    );

    const refused = await invitee.client.mutation('auth.switchAccount', { accountId: stranger.accountId });
    expect(refused.status).toBe(404);
    expect(refused.error?.data.code).toBe('NOT_FOUND');
    expect((await invitee.client.ok<SessionData>('query', 'auth.session')).account.id).toBe(
      inviter.accountId,
    );
  });

  it('accepts pending invitations when the invited person signs up or logs in', async () => {
    const inviter = await signUp(server, 'team-lead', 'Lead Co');
    const existing = await signUp(server, 'later');
    await existing.client.ok('mutation', 'auth.logOut');
    const newcomerEmail = uniqueEmail('newcomer');
    // A user who exists is added at once; an unknown email gets an invitation.
    const direct = await inviter.client.ok<{ kind: string }>('mutation', 'members.invite', {
      email: existing.email,
      role: 'admin',
    });
    expect(direct.kind).toBe('member');
    const invited = await inviter.client.ok<{ kind: string }>('mutation', 'members.invite', {
      email: newcomerEmail,
      role: 'read_only',
    });
    expect(invited.kind).toBe('invitation');

    const newcomer = server.client();
    await newcomer.ok('mutation', 'auth.signUp', {
      email: newcomerEmail,
      password: PASSWORD,
      accountName: 'Mine',
    });
    const session = await newcomer.ok<SessionData>('query', 'auth.session');
    expect(session.accounts.map((account) => account.role).sort()).toEqual(['owner', 'read_only']);
    const members = await inviter.client.ok<{
      members: { email: string; role: string }[];
      invitations: unknown[];
    }>('query', 'members.list');
    expect(members.members.map((member) => [member.email, member.role])).toEqual([
      [inviter.email, 'owner'],
      [existing.email, 'admin'],
      [newcomerEmail, 'read_only'],
    ]);
    expect(members.invitations).toEqual([]);
  });

  describe('CSRF and origin checks on mutations', () => {
    it('refuses a mutation without x-csrf-token, or with a wrong one, with 403', async () => {
      const { client } = await signUp(server, 'csrf');
      for (const csrf of [null, '', 'not-the-token', `${client.cookies.get('kairos_csrf')}x`]) {
        const answer = await client.mutation('namespaces.create', { name: 'csrf-ns' }, { csrf });
        expect(answer.status).toBe(403);
        expect(answer.error?.data.code).toBe('FORBIDDEN');
        expect(answer.error?.message).toMatch(/x-csrf-token/);
      }
      expect(await server.prisma.namespace.count({ where: { name: 'csrf-ns' } })).toBe(0);
      // The same call with the token goes through.
      expect((await client.mutation('namespaces.create', { name: 'csrf-ns' })).status).toBe(200);
    });

    it('refuses a mutation from a foreign origin even with the right token', async () => {
      const { client } = await signUp(server, 'origin');
      const answer = await client.mutation(
        'namespaces.create',
        { name: 'origin-ns' },
        { origin: 'https://evil.example' },
      );
      expect(answer.status).toBe(403);
      expect(answer.error?.message).toBe('cross-origin request refused');
      expect(await server.prisma.namespace.count({ where: { name: 'origin-ns' } })).toBe(0);
      // No Origin header at all (server-side callers) is accepted.
      expect(
        (await client.mutation('namespaces.create', { name: 'origin-ns' }, { origin: null })).status,
      ).toBe(200);
    });

    it('before sign-in, needs a non-empty token equal to the kairos_csrf cookie when there is one', async () => {
      const client = server.client();
      const input = { email: uniqueEmail('pre'), password: PASSWORD, accountName: 'Pre' };
      expect((await client.mutation('auth.signUp', input, { csrf: null })).status).toBe(403);
      await client.query('auth.csrf');
      expect((await client.mutation('auth.signUp', input, { csrf: 'something-else' })).status).toBe(403);
      expect((await client.mutation('auth.signUp', input, { origin: 'http://localhost:1234' })).status).toBe(
        403,
      );
      expect((await client.mutation('auth.signUp', input)).status).toBe(200);
    });

    it('does not check queries (they change nothing)', async () => {
      const { client } = await signUp(server, 'queries');
      const answer = await client.query('namespaces.list', undefined, { origin: 'https://evil.example' });
      expect(answer.status).toBe(200);
    });
  });

  describe('rate limits', () => {
    it('answers 429 after 5 failed log-ins for one email from one address, with Retry-After', async () => {
      const { email } = await signUp(server, 'throttled');
      const client = server.client();
      for (let attempt = 0; attempt < 5; attempt += 1)
        expect((await client.mutation('auth.logIn', { email, password: 'wrong password' })).status).toBe(401);
      const blocked = await client.mutation('auth.logIn', { email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.error?.data.code).toBe('TOO_MANY_REQUESTS');
      expect(blocked.error?.message).toMatch(/^too many failed log-ins; try again in \d+ seconds$/);
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      // Another address is not blocked for that email.
      expect((await server.client().mutation('auth.logIn', { email, password: PASSWORD })).status).toBe(200);
    });

    it('answers 429 after 30 failures from one address across emails', async () => {
      const client = server.client();
      for (let attempt = 0; attempt < 30; attempt += 1)
        expect(
          (await client.mutation('auth.logIn', { email: uniqueEmail(`spray${attempt}`), password: 'x' }))
            .status,
        ).toBe(401);
      expect(
        (await client.mutation('auth.logIn', { email: uniqueEmail('next'), password: 'x' })).status,
      ).toBe(429);
    });

    it('answers 429 after 10 sign-ups from one address in an hour', async () => {
      const client = server.client();
      for (let attempt = 0; attempt < 10; attempt += 1) {
        const answer = await client.mutation('auth.signUp', {
          email: uniqueEmail(`bulk${attempt}`),
          password: PASSWORD,
          accountName: 'Bulk',
        });
        expect(answer.status).toBe(200);
        client.cookies.delete('kairos_session');
      }
      const blocked = await client.mutation('auth.signUp', {
        email: uniqueEmail('bulk'),
        password: PASSWORD,
        accountName: 'Bulk',
      });
      expect(blocked.status).toBe(429);
      expect(blocked.error?.message).toMatch(/too many sign-ups/);
    });
  });
});
