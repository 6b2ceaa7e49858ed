import { InvalidArgument, Unavailable } from '@kairos/errors';
import { Client, errors } from '@opensearch-project/opensearch';
import { toOpenSearchQuery, type CustomSearchAttributes, type OpenSearchQuery } from '../query/index.ts';
import { compileFilter, customAttributesFor, effectivePageSize } from './compile-request.ts';
import { documentId, fromDocument, toDocument } from './opensearch-document.ts';
import {
  DEFAULT_VISIBILITY_INDEX,
  fieldMapFor,
  fieldTypesFor,
  indexDefinition,
  NAMESPACE_ID_FIELD,
} from './opensearch-index-layout.ts';
import {
  decodePageToken,
  encodePageToken,
  malformedPageToken,
  queryFingerprint,
  type CursorValue,
} from './page-token.ts';
import { prepareRecords } from './prepare-records.ts';
import type {
  CountRequest,
  CountResult,
  CustomAttributeSource,
  ListRequest,
  ListResult,
  VisibilityRecord,
  VisibilityStore,
} from './visibility-store.ts';

// The OpenSearch visibility store (cluster mode). One shared index, routed by namespace id, every
// query filtered by it (opensearch-index-layout.ts, README). Stale versions are refused by
// OpenSearch itself (external versioning); pages continue with search_after on the last hit's sort
// values, which the page token carries.

export interface OpenSearchVisibilityStoreOptions {
  /** OPENSEARCH_URL. */
  url: string;
  /** Defaults to `kairos-visibility-v1`; tests pass a unique name. */
  index?: string;
  /** `wait_for` makes writes visible to the next search (tests); production leaves the 1 s refresh. */
  refresh?: 'wait_for' | false;
  customAttributes?: CustomAttributeSource;
  /** For a newly created index. */
  numberOfShards?: number;
  numberOfReplicas?: number;
}

interface SearchHit {
  _source: Record<string, unknown>;
  sort?: CursorValue[];
}

export class OpenSearchVisibilityStore implements VisibilityStore {
  readonly index: string;
  private readonly client: Client;
  private readonly refresh: 'wait_for' | false;
  private readonly attributeSource: CustomAttributeSource | undefined;

  private constructor(options: OpenSearchVisibilityStoreOptions) {
    this.index = options.index ?? DEFAULT_VISIBILITY_INDEX;
    // Long numerals: int64 attribute values and date_nanos sort values exceed 2^53.
    this.client = new Client({ node: options.url, enableLongNumeralSupport: true });
    this.refresh = options.refresh ?? false;
    this.attributeSource = options.customAttributes;
  }

  /** Connects and creates the index with its explicit mapping unless it exists. */
  static async start(options: OpenSearchVisibilityStoreOptions): Promise<OpenSearchVisibilityStore> {
    const store = new OpenSearchVisibilityStore(options);
    await store.call('create the visibility index', () => store.ensureIndex(options));
    return store;
  }

  private async ensureIndex(options: OpenSearchVisibilityStoreOptions): Promise<void> {
    const exists = await this.client.indices.exists({ index: this.index });
    if (exists.body) return;
    try {
      await this.client.indices.create({
        index: this.index,
        body: indexDefinition({
          numberOfShards: options.numberOfShards ?? 1,
          numberOfReplicas: options.numberOfReplicas ?? 0,
        }),
      });
    } catch (error) {
      // Another process created it between our check and our create.
      if (!(
        error instanceof errors.ResponseError &&
        error.body?.error?.type === 'resource_already_exists_exception'
      )) {
        throw error;
      }
    }
  }

  async upsert(records: readonly VisibilityRecord[]): Promise<void> {
    const prepared = prepareRecords(records);
    if (prepared.length === 0) return;
    const body = prepared.flatMap((record) => [
      {
        index: {
          _index: this.index,
          _id: documentId(record.namespaceId, record.runId),
          routing: record.namespaceId,
          // `external`: applied only when above the stored version; equal or lower is a 409.
          version: record.version,
          version_type: 'external',
        },
      },
      toDocument(record),
    ]);
    const response = await this.call('index visibility records', () =>
      this.client.bulk({ body, refresh: this.refresh }),
    );
    if (!response.body.errors) return;
    // Bulk is not atomic, but a retry of the whole batch is harmless: applied items answer 409 then.
    for (const item of response.body.items) {
      const result = item.index;
      // A version conflict is a stale or repeated delivery: the stored record is already newer.
      if (result?.error === undefined || result.status === 409) continue;
      const reason = `${result.error.type ?? 'error'}: ${result.error.reason ?? ''}`;
      if (result.status >= 400 && result.status < 500 && result.status !== 429) {
        // The document itself is unacceptable (say, a Datetime before 1970): retrying cannot help.
        throw InvalidArgument.forField('records', `OpenSearch refused run ${result._id}: ${reason}`);
      }
      throw new Unavailable(`OpenSearch could not index run ${result._id}: ${reason}`, {
        cause: result.error,
      });
    }
  }

  async deleteRun(namespaceId: string, _workflowId: string, runId: string): Promise<void> {
    await this.call('delete a visibility record', async () => {
      try {
        await this.client.delete({
          index: this.index,
          id: documentId(namespaceId, runId),
          routing: namespaceId,
          refresh: this.refresh,
        });
      } catch (error) {
        if (!(error instanceof errors.ResponseError && error.statusCode === 404)) throw error;
      }
    });
  }

  async list(request: ListRequest): Promise<ListResult> {
    const pageSize = effectivePageSize(request);
    const custom = await customAttributesFor(
      request.namespaceId,
      request.customAttributes,
      this.attributeSource,
    );
    const translated = toOpenSearchQuery(compileFilter(request.query, custom, 'list'), fieldMapFor(custom));
    const sort = storeSort(translated.sort, custom);
    const fingerprint = queryFingerprint(request.namespaceId, request.query);
    const after = decodePageToken(request.pageToken, fingerprint, sort.length);
    const response = await this.call('search visibility records', () =>
      this.client.search({
        index: this.index,
        routing: request.namespaceId,
        body: {
          query: inNamespace(request.namespaceId, translated.query),
          sort,
          size: pageSize + 1,
          track_total_hits: false,
          ...(after === undefined ? {} : { search_after: after }),
        } as Record<string, unknown>,
      }),
    ).catch((error: unknown) => {
      // Only a cursor can carry values of the wrong type into this search (the filter's are checked).
      if (after !== undefined && error instanceof errors.ResponseError && error.statusCode === 400) {
        throw malformedPageToken(error);
      }
      throw error;
    });
    const hits = (response.body.hits.hits as SearchHit[]).slice(0, pageSize + 1);
    const page = hits.slice(0, pageSize);
    const last = page.at(-1);
    const more = hits.length > pageSize && last?.sort !== undefined;
    return {
      records: page.map((hit) => fromDocument(hit._source)),
      nextPageToken: more ? encodePageToken(fingerprint, last.sort ?? []) : new Uint8Array(),
    };
  }

  scan(request: ListRequest): Promise<ListResult> {
    return this.list(request);
  }

  async count(request: CountRequest): Promise<CountResult> {
    const custom = await customAttributesFor(
      request.namespaceId,
      request.customAttributes,
      this.attributeSource,
    );
    const translated = toOpenSearchQuery(compileFilter(request.query, custom, 'count'), fieldMapFor(custom));
    const query = inNamespace(request.namespaceId, translated.query);
    const groupField = translated.aggregations?.groups.terms.field;
    if (groupField === undefined) {
      const response = await this.call('count visibility records', () =>
        this.client.count({
          index: this.index,
          routing: request.namespaceId,
          body: { query } as Record<string, unknown>,
        }),
      );
      return { count: Number(response.body.count), groups: [] };
    }
    const response = await this.call('count visibility records', () =>
      this.client.search({
        index: this.index,
        routing: request.namespaceId,
        body: {
          query,
          size: 0,
          track_total_hits: false,
          // Seven statuses: one bucket each fits.
          aggregations: { groups: { terms: { field: groupField, size: 100 } } },
        } as Record<string, unknown>,
      }),
    );
    const aggregation = response.body.aggregations?.groups as
      { buckets: { key: string; doc_count: number | bigint }[] } | undefined;
    const groups = (aggregation?.buckets ?? [])
      .map((bucket) => ({ values: [String(bucket.key)], count: Number(bucket.doc_count) }))
      .sort((a, b) => b.count - a.count || compareText(a.values[0], b.values[0]));
    return { count: groups.reduce((sum, group) => sum + group.count, 0), groups };
  }

  /** Tests and teardown: removes the whole index. */
  async deleteIndex(): Promise<void> {
    await this.client.indices.delete({ index: this.index, ignore_unavailable: true });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Connection failures become Unavailable (retryable); anything else is a bug and stays as is. */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError) {
        throw new Unavailable(`cannot ${what}: OpenSearch is unreachable (${error.message})`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}

function inNamespace(namespaceId: string, query: OpenSearchQuery): Record<string, unknown> {
  return { bool: { filter: [{ term: { [NAMESPACE_ID_FIELD]: namespaceId } }, query] } };
}

/**
 * The translator's sort, adjusted for this index. `unmapped_type`: sorting on a custom field no
 * document has created yet would fail; with it, the field sorts as missing. date_nanos descending
 * with missing last: OpenSearch stands in Long.MIN_VALUE for missing values, which it then cannot
 * read back from search_after (before 1970), so missing values sort as the epoch instead, which is
 * still after every real value (date_nanos starts at 1970).
 */
function storeSort(
  sort: ReturnType<typeof toOpenSearchQuery>['sort'],
  custom: CustomSearchAttributes,
): Record<string, Record<string, string | number>>[] {
  const types = fieldTypesFor(custom);
  return sort.map((term) =>
    Object.fromEntries(
      Object.entries(term).map(([field, options]) => {
        const type = types[field];
        const adjusted: Record<string, string | number> = { ...options };
        if (type !== undefined) adjusted.unmapped_type = type;
        if (type === 'date_nanos' && options.order === 'desc' && options.missing === '_last')
          adjusted.missing = 0;
        return [field, adjusted];
      }),
    ),
  );
}

function compareText(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
