// Smoke test for the OpenSearch that infra/opensearch/up starts (or any OpenSearch at OPENSEARCH_URL).
// It proves the server and the client library agree on mappings, indexing, refresh and the two query
// shapes the visibility store leans on (exact term and range). It fails, never skips, when the
// server is unreachable: a missing OpenSearch must be seen, not hidden.
import { randomUUID } from 'node:crypto';
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const opensearchUrl = process.env['OPENSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const indexName = `kairos-smoke-${randomUUID()}`;

interface ExecutionDoc {
  workflowId: string;
  workflowType: string;
  status: string;
  historyLength: number;
  startTime: string;
}

const docs: ExecutionDoc[] = [
  {
    workflowId: 'wf-1',
    workflowType: 'OrderWorkflow',
    status: 'Running',
    historyLength: 3,
    startTime: '2025-01-01T00:00:00Z',
  },
  {
    workflowId: 'wf-2',
    workflowType: 'OrderWorkflow',
    status: 'Completed',
    historyLength: 11,
    startTime: '2025-01-02T00:00:00Z',
  },
  {
    workflowId: 'wf-3',
    workflowType: 'RefundWorkflow',
    status: 'Completed',
    historyLength: 27,
    startTime: '2025-01-03T00:00:00Z',
  },
  {
    workflowId: 'wf-4',
    workflowType: 'RefundWorkflow',
    status: 'Failed',
    historyLength: 8,
    startTime: '2025-01-04T00:00:00Z',
  },
];

const client = new Client({ node: opensearchUrl, requestTimeout: 10_000, maxRetries: 0 });
let reachable = false;

async function searchWorkflowIds(query: Record<string, unknown>): Promise<string[]> {
  const response = await client.search({
    index: indexName,
    body: { query, sort: [{ workflowId: { order: 'asc' } }], size: 100 },
  });
  return response.body.hits.hits.map((hit) => (hit._source as ExecutionDoc).workflowId);
}

describe('OpenSearch smoke', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    try {
      await client.info();
      reachable = true;
    } catch (error) {
      throw new Error(
        `OpenSearch is not reachable at ${opensearchUrl}; start it with infra/opensearch/up ` +
          `(cause: ${error instanceof Error ? error.message : String(error)})`,
      );
    }
  });

  afterAll(async () => {
    // Cleanup for a run that failed half way; an unreachable server already failed the suite.
    if (reachable) await client.indices.delete({ index: indexName, ignore_unavailable: true });
    await client.close();
  });

  it('creates an index with an explicit mapping', async () => {
    await client.indices.create({
      index: indexName,
      body: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          dynamic: 'strict',
          properties: {
            workflowId: { type: 'keyword' },
            workflowType: { type: 'keyword' },
            status: { type: 'keyword' },
            historyLength: { type: 'long' },
            startTime: { type: 'date' },
          },
        },
      },
    });
    const mapping = await client.indices.getMapping({ index: indexName });
    expect(mapping.body[indexName]?.mappings.properties?.['historyLength']).toEqual({ type: 'long' });
  });

  it('indexes documents and makes them searchable after refresh', async () => {
    for (const doc of docs) {
      const response = await client.index({ index: indexName, id: doc.workflowId, body: doc, refresh: true });
      expect(response.body.result).toBe('created');
    }
    const count = await client.count({ index: indexName });
    expect(count.body.count).toBe(docs.length);
  });

  it('answers a term query on a keyword field', async () => {
    expect(await searchWorkflowIds({ term: { status: 'Completed' } })).toEqual(['wf-2', 'wf-3']);
  });

  it('answers range queries on long and date fields', async () => {
    expect(await searchWorkflowIds({ range: { historyLength: { gte: 8, lt: 27 } } })).toEqual([
      'wf-2',
      'wf-4',
    ]);
    expect(await searchWorkflowIds({ range: { startTime: { gt: '2025-01-02T00:00:00Z' } } })).toEqual([
      'wf-3',
      'wf-4',
    ]);
  });

  it('rejects a document that violates the strict mapping', async () => {
    await expect(
      client.index({ index: indexName, body: { workflowId: 'wf-x', unknownField: 1 }, refresh: true }),
    ).rejects.toThrow(/strict_dynamic_mapping_exception/);
  });

  it('deletes the index', async () => {
    await client.indices.delete({ index: indexName });
    const exists = await client.indices.exists({ index: indexName });
    expect(exists.body).toBe(false);
  });
});
