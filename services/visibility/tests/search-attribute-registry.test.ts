import { randomUUID } from 'node:crypto';
import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import { AlreadyExists, InvalidArgument, NotFound } from '@kairos/errors';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchAttributeType } from '../src/query/index.ts';
import { PostgresVisibilityStore } from '../src/store/postgres-visibility-store.ts';
import {
  CUSTOM_SEARCH_ATTRIBUTE_LIMITS,
  SearchAttributeRegistry,
} from '../src/store/search-attribute-registry.ts';
import { fixtureRecords } from '../src/store/visibility-store.fixtures.ts';

let database: ThrowawayDatabase;
let pool: pg.Pool;
let registry: SearchAttributeRegistry;

beforeAll(async () => {
  database = await createThrowawayDatabase('search_attributes');
  await applyMigrations(database.url);
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  registry = new SearchAttributeRegistry(pool);
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const names = (
  prefix: string,
  type: SearchAttributeType,
  count: number,
): Record<string, SearchAttributeType> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}Attribute${i}`, type]));

describe('SearchAttributeRegistry', () => {
  it('adds, lists and removes per namespace; adding again with the same type is a no-op', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await registry.add(a, { CustomerId: 'Keyword', Amount: 'Double' });
    await registry.add(a, { CustomerId: 'Keyword' });
    await registry.add(b, { CustomerId: 'Int' });
    expect(await registry.list(a)).toEqual({ Amount: 'Double', CustomerId: 'Keyword' });
    expect(await registry.list(b)).toEqual({ CustomerId: 'Int' });
    await registry.remove(a, ['Amount']);
    expect(await registry.list(a)).toEqual({ CustomerId: 'Keyword' });
  });

  it('refuses a name registered with another type, naming it', async () => {
    const namespaceId = randomUUID();
    await registry.add(namespaceId, { CustomerId: 'Keyword' });
    const failure = registry.add(namespaceId, { CustomerId: 'Text' });
    await expect(failure).rejects.toBeInstanceOf(AlreadyExists);
    await expect(failure).rejects.toThrow("search attribute 'CustomerId' already exists with type Keyword");
  });

  it.each(Object.entries(CUSTOM_SEARCH_ATTRIBUTE_LIMITS) as [SearchAttributeType, number][])(
    'holds a namespace to its %s limit (%i), counting earlier ones, all or nothing',
    async (type, limit) => {
      const namespaceId = randomUUID();
      await registry.add(namespaceId, names(type, type, limit - 1));
      const failure = registry.add(namespaceId, names(`Extra${type}`, type, 2));
      await expect(failure).rejects.toBeInstanceOf(InvalidArgument);
      await expect(failure).rejects.toThrow(
        `search_attributes: cannot add 'Extra${type}Attribute1': a namespace can have at most ${limit} custom ${type} search attributes`,
      );
      expect(Object.keys(await registry.list(namespaceId))).toHaveLength(limit - 1);
      await registry.add(namespaceId, { [`Last${type}`]: type });
      expect(Object.keys(await registry.list(namespaceId))).toHaveLength(limit);
    },
  );

  it('keeps the limit under concurrent adds', async () => {
    const namespaceId = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => registry.add(namespaceId, { [`Text${i}`]: 'Text' })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(5);
    expect(Object.keys(await registry.list(namespaceId))).toHaveLength(5);
  });

  it.each([
    ['WorkflowId', /'WorkflowId' is reserved for a system search attribute/],
    ['BuildIds', /'BuildIds' is reserved/],
    ['TemporalAnything', /'TemporalAnything' is reserved/],
    ['NamespaceId', /'NamespaceId' is reserved/],
    ['x'.repeat(65), /is longer than 64 characters/],
    ['has.dot', /'has.dot' may contain only letters, digits/],
    ['', /must not be empty/],
  ])('refuses the name %s', async (name, message) => {
    const failure = registry.add(randomUUID(), { [name]: 'Keyword' });
    await expect(failure).rejects.toBeInstanceOf(InvalidArgument);
    await expect(failure).rejects.toThrow(message);
  });

  it('accepts a 64-character name', async () => {
    const namespaceId = randomUUID();
    await registry.add(namespaceId, { ['y'.repeat(64)]: 'Bool' });
    expect(await registry.list(namespaceId)).toEqual({ ['y'.repeat(64)]: 'Bool' });
  });

  it('refuses to remove what is not registered (and removes nothing then)', async () => {
    const namespaceId = randomUUID();
    await registry.add(namespaceId, { Kept: 'Int' });
    const failure = registry.remove(namespaceId, ['Kept', 'Missing']);
    await expect(failure).rejects.toBeInstanceOf(NotFound);
    await expect(failure).rejects.toThrow("search attribute 'Missing' is not registered in this namespace");
    expect(await registry.list(namespaceId)).toEqual({ Kept: 'Int' });
  });

  it('is where a store reads custom attributes when a request carries none', async () => {
    const namespaceId = randomUUID();
    const store = new PostgresVisibilityStore({ pool, customAttributes: registry });
    await store.upsert(fixtureRecords(namespaceId));
    const query = { namespaceId, query: 'CustomInt > 5', pageSize: 10 };
    await expect(store.list(query)).rejects.toThrow(/unknown search attribute 'CustomInt'/);
    await registry.add(namespaceId, { CustomInt: 'Int' });
    expect((await store.list(query)).records.map((record) => record.workflowId).sort()).toEqual([
      'wf-2',
      'wf-5',
      'wf-6',
    ]);
    expect((await store.count({ namespaceId, query: 'CustomInt IS NULL' })).count).toBe(1);
  });
});
