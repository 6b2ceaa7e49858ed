import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/trpc/app-router.ts';
import type { ConsoleClient } from './support/console-client.ts';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { signUp } from './support/team.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-0000000000ff';
const long = (length: number) => 'x'.repeat(length);

/**
 * Bad input for every procedure: [input, the field the answer must name] → 400 with
 * data.fieldErrors[field] and a message starting with the field; or [input, status] for well-formed
 * input naming something that does not exist. Never a 500.
 */
type Case = [input: unknown, expected: string | number];
const NO_INPUT: Case[] = [
  [{ unexpected: 1 }, 'input'],
  ['a string', 'input'],
  [[1, 2], 'input'],
];

const procedures: Record<string, { kind: 'query' | 'mutation'; cases: Case[] }> = {
  'auth.csrf': { kind: 'query', cases: NO_INPUT },
  'auth.session': { kind: 'query', cases: NO_INPUT },
  'auth.logOut': { kind: 'mutation', cases: NO_INPUT },
  'auth.signUp': {
    kind: 'mutation',
    cases: [
      [{ email: 5, password: long(12), accountName: 'a' }, 'email'],
      [{ email: 'not-an-email', password: long(12), accountName: 'a' }, 'email'],
      [{ email: `${long(250)}@example.test`, password: long(12), accountName: 'a' }, 'email'],
      [{ email: 'a@example.test', password: 'short', accountName: 'a' }, 'password'],
      [{ email: 'a@example.test', password: long(10_000), accountName: 'a' }, 'password'],
      [{ email: 'a@example.test', password: long(12), accountName: '   ' }, 'accountName'],
      [{ email: 'a@example.test', password: long(12), accountName: long(101) }, 'accountName'],
      [{ email: 'a@example.test', password: long(12), accountName: 'a', plan: 'enterprise' }, 'input'],
      [null, 'input'],
      [{}, 'email'],
    ],
  },
  'auth.logIn': {
    kind: 'mutation',
    cases: [
      [{ email: ['a@example.test'], password: 'x' }, 'email'],
      [{ email: 'a@example.test', password: 12 }, 'password'],
      [{ email: 'a@example.test', password: long(201) }, 'password'],
      [{ email: 'a@example.test' }, 'password'],
    ],
  },
  'auth.switchAccount': {
    kind: 'mutation',
    cases: [
      [{ accountId: 'not-a-uuid' }, 'accountId'],
      [{ accountId: 5 }, 'accountId'],
      [{ accountId: long(5_000) }, 'accountId'],
      [{ accountId: UNKNOWN_ID }, 404],
    ],
  },
  'namespaces.list': { kind: 'query', cases: NO_INPUT },
  'namespaces.get': {
    kind: 'query',
    cases: [
      [{ name: 5 }, 'name'],
      [{ name: long(300) }, 'name'],
      [{}, 'name'],
      [{ name: 'no-such-namespace' }, 404],
    ],
  },
  'namespaces.recentWorkflows': {
    kind: 'query',
    cases: [
      [{ name: 'x', limit: 0 }, 'limit'],
      [{ name: 'x', limit: 101 }, 'limit'],
      [{ name: 'x', limit: '5' }, 'limit'],
      [{ name: 'no-such-namespace' }, 404],
    ],
  },
  'namespaces.create': {
    kind: 'mutation',
    cases: [
      [{ name: 'Orders' }, 'name'],
      [{ name: 'a' }, 'name'],
      [{ name: long(40) }, 'name'],
      [{ name: '-orders' }, 'name'],
      [{ name: 'orders', retentionDays: 0 }, 'retentionDays'],
      [{ name: 'orders', retentionDays: 91 }, 'retentionDays'],
      [{ name: 'orders', retentionDays: 1.5 }, 'retentionDays'],
      [{ name: 'orders', retentionDays: '30' }, 'retentionDays'],
      [{ name: 'orders', description: long(1001) }, 'description'],
      [{ name: 'orders', state: 'deleted' }, 'input'],
    ],
  },
  'namespaces.update': {
    kind: 'mutation',
    cases: [
      [{ name: 'orders', retentionDays: 'forever' }, 'retentionDays'],
      [{ name: 'orders', description: 42 }, 'description'],
      [{ retentionDays: 3 }, 'name'],
      [{ name: 'no-such-namespace', retentionDays: 3 }, 404],
    ],
  },
  'namespaces.delete': {
    kind: 'mutation',
    cases: [
      [{ name: 'orders', force: 'yes' }, 'force'],
      [{ name: null }, 'name'],
      [{ name: 'no-such-namespace' }, 404],
    ],
  },
  'apiKeys.list': { kind: 'query', cases: NO_INPUT },
  'apiKeys.create': {
    kind: 'mutation',
    cases: [
      [{ name: '', role: 'developer', scope: { all: true } }, 'name'],
      [{ name: long(101), role: 'developer', scope: { all: true } }, 'name'],
      [{ name: 'k', role: 'owner', scope: { all: true } }, 'role'],
      [{ name: 'k', role: 'developer', scope: {} }, 'scope'],
      [{ name: 'k', role: 'developer', scope: { all: false } }, 'scope.all'],
      [{ name: 'k', role: 'developer', scope: { all: true, namespaces: ['a'] } }, 'scope'],
      [{ name: 'k', role: 'developer', scope: 'all' }, 'scope'],
      [{ name: 'k', role: 'developer', scope: { namespaces: [long(300)] } }, 'scope.namespaces.0'],
      [{ name: 'k', role: 'developer', scope: { namespaces: [] } }, 'scope.namespaces'],
      [
        {
          name: 'k',
          role: 'developer',
          scope: { namespaces: Array.from({ length: 101 }, (_, i) => `n${i}`) },
        },
        'scope.namespaces',
      ],
      [{ name: 'k', role: 'developer', scope: { all: true }, expiresInDays: 366 }, 'expiresInDays'],
      [{ name: 'k', role: 'developer', scope: { all: true }, expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'k', role: 'developer', scope: { namespaces: ['no-such-namespace'] } }, 404],
    ],
  },
  'apiKeys.revoke': {
    kind: 'mutation',
    cases: [
      [{ id: 'abc' }, 'id'],
      [{ id: 1 }, 'id'],
      [{ id: UNKNOWN_ID }, 404],
    ],
  },
  'members.list': { kind: 'query', cases: NO_INPUT },
  'members.invite': {
    kind: 'mutation',
    cases: [
      [{ email: 'nope', role: 'developer' }, 'email'],
      [{ email: 'a@example.test', role: 'god' }, 'role'],
      [{ email: 'a@example.test' }, 'role'],
    ],
  },
  'members.changeRole': {
    kind: 'mutation',
    cases: [
      [{ userId: 'abc', role: 'admin' }, 'userId'],
      [{ userId: UNKNOWN_ID, role: 'superuser' }, 'role'],
      [{ userId: UNKNOWN_ID, role: 'admin' }, 404],
    ],
  },
  'members.remove': {
    kind: 'mutation',
    cases: [
      [{ userId: {} }, 'userId'],
      [{ userId: UNKNOWN_ID }, 404],
    ],
  },
  'members.revokeInvitation': {
    kind: 'mutation',
    cases: [
      [{ id: '' }, 'id'],
      [{ id: UNKNOWN_ID }, 404],
    ],
  },
  'quotas.list': { kind: 'query', cases: NO_INPUT },
  'quotas.update': {
    kind: 'mutation',
    cases: [
      [{ requestsPerSecond: 5 }, 'namespace'],
      [{ namespace: 'x', requestsPerSecond: 0 }, 'requestsPerSecond'],
      [{ namespace: 'x', actionsPerSecond: 1_000_001 }, 'actionsPerSecond'],
      [{ namespace: 'x', maxOpenWorkflows: 1.5 }, 'maxOpenWorkflows'],
      [{ namespace: 'x', maxConcurrentPollers: 'many' }, 'maxConcurrentPollers'],
      [{ namespace: 'no-such-namespace', requestsPerSecond: 5 }, 404],
    ],
  },
  'audit.list': {
    kind: 'query',
    cases: [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ cursor: 5 }, 'cursor'],
      [{ cursor: long(1_000) }, 'cursor'],
      [{ cursor: 'garbage' }, 'cursor'],
    ],
  },
  'workflows.list': {
    kind: 'query',
    cases: [
      [{}, 'namespace'],
      [{ namespace: 'x', pageSize: 0 }, 'pageSize'],
      [{ namespace: 'x', pageSize: 201 }, 'pageSize'],
      [{ namespace: 'x', query: long(5_000) }, 'query'],
      [{ namespace: 'x', cursor: 'not a cursor!' }, 'cursor'],
      [{ namespace: 'no-such-namespace' }, 404],
    ],
  },
  'workflows.count': {
    kind: 'query',
    cases: [
      [{ namespace: 'x', query: 5 }, 'query'],
      [{ namespace: 'no-such-namespace' }, 404],
    ],
  },
  'workflows.searchAttributes': {
    kind: 'query',
    cases: [
      [{}, 'namespace'],
      [{ namespace: 'no-such-namespace' }, 404],
    ],
  },
  'workflows.describe': {
    kind: 'query',
    cases: [
      [{ namespace: 'x', workflowId: '', runId: UNKNOWN_ID }, 'workflowId'],
      [{ namespace: 'x', workflowId: long(1_001), runId: UNKNOWN_ID }, 'workflowId'],
      [{ namespace: 'x', workflowId: 'w', runId: long(65) }, 'runId'],
      [{ namespace: 'x', workflowId: 'w', runId: 'not-a-uuid' }, 'runId'],
      [{ namespace: 'no-such-namespace', workflowId: 'w', runId: UNKNOWN_ID }, 404],
    ],
  },
  'workflows.history': {
    kind: 'query',
    cases: [
      [{ namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, pageSize: 1_001 }, 'pageSize'],
      [{ namespace: 'x', workflowId: 'w' }, 'runId'],
      [{ namespace: 'no-such-namespace', workflowId: 'w', runId: UNKNOWN_ID }, 404],
    ],
  },
  'workflows.signal': {
    kind: 'mutation',
    cases: [
      [{ namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, signalName: '' }, 'signalName'],
      [{ namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, signalName: 's', input: '{oops' }, 'input'],
      [{ namespace: 'no-such-namespace', workflowId: 'w', runId: UNKNOWN_ID, signalName: 's' }, 404],
    ],
  },
  'workflows.cancel': {
    kind: 'mutation',
    cases: [
      [{ namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, reason: long(1_001) }, 'reason'],
      [{ namespace: 'no-such-namespace', workflowId: 'w', runId: UNKNOWN_ID }, 404],
    ],
  },
  'workflows.terminate': {
    kind: 'mutation',
    cases: [
      [{ namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, reason: '' }, 'reason'],
      [{ namespace: 'no-such-namespace', workflowId: 'w', runId: UNKNOWN_ID, reason: 'r' }, 404],
    ],
  },
  'workflows.reset': {
    kind: 'mutation',
    cases: [
      [
        { namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, reason: 'r', workflowTaskFinishEventId: 2 },
        'workflowTaskFinishEventId',
      ],
      [
        { namespace: 'x', workflowId: 'w', runId: UNKNOWN_ID, reason: 'r', workflowTaskFinishEventId: '4' },
        'workflowTaskFinishEventId',
      ],
      [
        {
          namespace: 'no-such-namespace',
          workflowId: 'w',
          runId: UNKNOWN_ID,
          reason: 'r',
          workflowTaskFinishEventId: 4,
        },
        404,
      ],
    ],
  },
  'savedViews.list': {
    kind: 'query',
    cases: [
      [{}, 'namespace'],
      [{ namespace: 'no-such-namespace' }, 404],
    ],
  },
  'savedViews.create': {
    kind: 'mutation',
    cases: [
      [{ namespace: 'x', name: '', query: '' }, 'name'],
      [{ namespace: 'x', name: 'v', query: long(5_000) }, 'query'],
      [{ namespace: 'x', name: 'v', query: '', columns: 'WorkflowId' }, 'columns'],
      [{ namespace: 'no-such-namespace', name: 'v', query: '' }, 404],
    ],
  },
  'savedViews.delete': {
    kind: 'mutation',
    cases: [
      [{ namespace: 'x', id: 'nope' }, 'id'],
      [{ namespace: 'no-such-namespace', id: UNKNOWN_ID }, 404],
    ],
  },
};

describe('malformed input on every procedure', () => {
  let server: ControlPlaneUnderTest;
  let owner: ConsoleClient;

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('malformed');
    ({ client: owner } = await signUp(server, 'malformed'));
  });
  afterAll(() => server?.stop());

  it('covers every procedure of the router', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  for (const [path, { kind, cases }] of Object.entries(procedures)) {
    it(`${path} answers 4xx naming the field, never 500`, async () => {
      for (const [input, expected] of cases) {
        const label = `${path} ${JSON.stringify(input)?.slice(0, 80)}`;
        const answer = kind === 'query' ? await owner.query(path, input) : await owner.mutation(path, input);
        if (typeof expected === 'number') {
          expect(answer.status, label).toBe(expected);
          continue;
        }
        expect(answer.status, label).toBe(400);
        expect(answer.error?.data.code, label).toBe('BAD_REQUEST');
        expect(Object.keys(answer.error?.data.fieldErrors ?? {}), label).toContain(expected);
        expect(answer.error?.message, label).toMatch(new RegExp(`(^|; )${expected}: `));
      }
    });
  }

  it('answers 400 for a body that is not JSON, and 404 for an unknown procedure', async () => {
    await owner.query('auth.csrf');
    const headers = {
      'content-type': 'application/json',
      'x-csrf-token': owner.cookies.get('kairos_csrf')!,
      cookie: `kairos_session=${owner.cookies.get('kairos_session')}`,
    };
    const notJson = await fetch(`${server.url}/trpc/namespaces.create`, {
      method: 'POST',
      headers,
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    const unknown = await fetch(`${server.url}/trpc/namespaces.explode`, {
      method: 'POST',
      headers,
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    const queryAsMutation = await fetch(
      `${server.url}/trpc/namespaces.create?input=${encodeURIComponent('{"name":"via-get"}')}`,
      {
        headers,
      },
    );
    expect(queryAsMutation.status).toBeGreaterThanOrEqual(400);
    expect(queryAsMutation.status).toBeLessThan(500);
    expect(await server.prisma.namespace.count({ where: { name: 'via-get' } })).toBe(0);
  });
});
