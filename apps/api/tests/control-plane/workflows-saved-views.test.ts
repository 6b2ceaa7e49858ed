import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startControlPlaneUnderTest,
  type ControlPlaneUnderTest,
} from './support/control-plane-under-test.ts';
import { createTeam, signUp, type Team } from './support/team.ts';

interface SavedView {
  id: string;
  name: string;
  query: string;
  columns: string[];
}

/** Saved workflow views: per user and namespace, any role, bounded, private. */
describe('savedViews procedures', () => {
  let server: ControlPlaneUnderTest;
  let team: Team;
  const namespace = 'views-ns';

  beforeAll(async () => {
    server = await startControlPlaneUnderTest('saved-views');
    team = await createTeam(server, 'views');
    await team.admin.client.ok('mutation', 'namespaces.create', { name: namespace });
  });
  afterAll(() => server?.stop());

  it('creates, lists (by name) and deletes a user’s own views; read-only members may keep views', async () => {
    const client = team.readOnly.client;
    const failed = await client.ok<SavedView>('mutation', 'savedViews.create', {
      namespace,
      name: 'Failed',
      query: "ExecutionStatus = 'Failed'",
      columns: ['WorkflowId', 'StartTime'],
    });
    expect(failed).toMatchObject({ name: 'Failed', columns: ['WorkflowId', 'StartTime'] });
    await client.ok('mutation', 'savedViews.create', { namespace, name: 'All', query: '' });
    const listed = await client.ok<SavedView[]>('query', 'savedViews.list', { namespace });
    expect(listed.map((view) => [view.name, view.query, view.columns])).toEqual([
      ['All', '', []],
      ['Failed', "ExecutionStatus = 'Failed'", ['WorkflowId', 'StartTime']],
    ]);
    // Another member of the same account sees none of them, and cannot delete them.
    expect(await team.owner.client.ok<SavedView[]>('query', 'savedViews.list', { namespace })).toEqual([]);
    const foreign = await team.owner.client.mutation('savedViews.delete', { namespace, id: failed.id });
    expect(foreign.status).toBe(404);

    const duplicate = await client.mutation('savedViews.create', { namespace, name: 'Failed', query: 'x' });
    expect(duplicate.status).toBe(409);
    await client.ok('mutation', 'savedViews.delete', { namespace, id: failed.id });
    expect(
      (await client.ok<SavedView[]>('query', 'savedViews.list', { namespace })).map((v) => v.name),
    ).toEqual(['All']);
  });

  it('names the field of bad input, 404s another account’s namespace, 401s without a session', async () => {
    const client = team.developer.client;
    for (const [input, field] of [
      [{ namespace, name: '', query: '' }, 'name'],
      [{ namespace, name: 'x'.repeat(101), query: '' }, 'name'],
      [{ namespace, name: 'n', query: 'x'.repeat(5000) }, 'query'],
      [
        { namespace, name: 'n', query: '', columns: Array.from({ length: 31 }, (_, i) => `c${i}`) },
        'columns',
      ],
      [{ namespace, name: 'n', query: '', columns: ['x'.repeat(65)] }, 'columns.0'],
    ] as const) {
      const answer = await client.mutation('savedViews.create', input);
      expect(answer.status, field).toBe(400);
      expect(Object.keys(answer.error?.data.fieldErrors ?? {})).toContain(field);
    }
    const badId = await client.mutation('savedViews.delete', { namespace, id: 'nope' });
    expect(Object.keys(badId.error?.data.fieldErrors ?? {})).toEqual(['id']);
    const stranger = await signUp(server, 'views-stranger');
    expect((await stranger.client.query('savedViews.list', { namespace })).status).toBe(404);
    expect(
      (await stranger.client.mutation('savedViews.create', { namespace, name: 'a', query: '' })).status,
    ).toBe(404);
    expect((await server.client().query('savedViews.list', { namespace })).status).toBe(401);
  });

  it('keeps at most 50 views per user and namespace', async () => {
    const client = team.admin.client;
    for (let index = 0; index < 50; index++)
      await client.ok('mutation', 'savedViews.create', { namespace, name: `view ${index}`, query: '' });
    const refused = await client.mutation('savedViews.create', { namespace, name: 'one more', query: '' });
    expect(refused.status).toBe(400);
    expect(refused.error?.message).toMatch(/at most 50 saved views/);
  });
});
