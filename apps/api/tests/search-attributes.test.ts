import { Connection } from '@temporalio/client';
import { msToDuration, temporal } from '@kairos/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenants } from './auth/support/tenants.ts';
import { startApiUnderTest, type ApiUnderTest } from './support/api-under-test.ts';
import { grpcError } from './support/grpc-error.ts';

const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const INVALID_ARGUMENT = 3;
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;
const PERMISSION_DENIED = 7;

describe('search attributes over OperatorService (and GetSearchAttributes)', () => {
  let server: ApiUnderTest;
  let connection: Connection;
  let operator: Connection['operatorService'];

  beforeAll(async () => {
    server = await startApiUnderTest('search_attributes');
    connection = await Connection.connect({ address: server.address, interceptors: [] });
    operator = connection.operatorService;
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  it('adds custom attributes, lists them with the system ones, and accepts the same add again', async () => {
    await operator.addSearchAttributes({
      namespace: 'default',
      searchAttributes: {
        CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        Amount: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
      },
    });
    await operator.addSearchAttributes({
      namespace: 'default',
      searchAttributes: { CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
    });
    const listed = await operator.listSearchAttributes({ namespace: 'default' });
    expect(listed.customAttributes).toEqual({
      Amount: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
      CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    });
    expect(listed.systemAttributes).toMatchObject({
      WorkflowId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      StartTime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      HistoryLength: IndexedValueType.INDEXED_VALUE_TYPE_INT,
      TemporalChangeVersion: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
      TemporalSchedulePaused: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    });
    expect(listed.systemAttributes).not.toHaveProperty('CustomerId');
  });

  it('refuses the same name with another type with ALREADY_EXISTS, adding nothing', async () => {
    const error = await grpcError(
      operator.addSearchAttributes({
        namespace: 'default',
        searchAttributes: {
          Region: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
          CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_INT,
        },
      }),
    );
    expect(error.code).toBe(ALREADY_EXISTS);
    expect(error.details).toMatch(/'CustomerId' already exists with type Keyword/);
    const listed = await operator.listSearchAttributes({ namespace: 'default' });
    expect(listed.customAttributes).not.toHaveProperty('Region');
  });

  it('refuses bad types, names and per-type limits with INVALID_ARGUMENT naming the attribute', async () => {
    const unspecified = await grpcError(
      operator.addSearchAttributes({
        namespace: 'default',
        searchAttributes: { Untyped: IndexedValueType.INDEXED_VALUE_TYPE_UNSPECIFIED },
      }),
    );
    expect(unspecified.code).toBe(INVALID_ARGUMENT);
    expect(unspecified.details).toMatch(/'Untyped'/);
    const reserved = await grpcError(
      operator.addSearchAttributes({
        namespace: 'default',
        searchAttributes: { WorkflowId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
      }),
    );
    expect(reserved.code).toBe(INVALID_ARGUMENT);
    expect(reserved.details).toMatch(/'WorkflowId' is reserved/);
    const badName = await grpcError(
      operator.addSearchAttributes({
        namespace: 'default',
        searchAttributes: { 'has.dot': IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
      }),
    );
    expect(badName.code).toBe(INVALID_ARGUMENT);
    expect(badName.details).toMatch(/'has\.dot'/);
    // Text: at most 5 per namespace.
    const texts = Object.fromEntries(
      ['Text1', 'Text2', 'Text3', 'Text4', 'Text5'].map((name) => [
        name,
        IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
      ]),
    );
    await operator.addSearchAttributes({ namespace: 'default', searchAttributes: texts });
    const overLimit = await grpcError(
      operator.addSearchAttributes({
        namespace: 'default',
        searchAttributes: { Text6: IndexedValueType.INDEXED_VALUE_TYPE_TEXT },
      }),
    );
    expect(overLimit.code).toBe(INVALID_ARGUMENT);
    expect(overLimit.details).toMatch(/cannot add 'Text6': a namespace can have at most 5 custom Text/);
    const empty = await grpcError(
      operator.addSearchAttributes({ namespace: 'default', searchAttributes: {} }),
    );
    expect(empty.code).toBe(INVALID_ARGUMENT);
  });

  it('removes attributes, and answers NOT_FOUND naming one that is not registered', async () => {
    await operator.removeSearchAttributes({ namespace: 'default', searchAttributes: ['Amount'] });
    const listed = await operator.listSearchAttributes({ namespace: 'default' });
    expect(listed.customAttributes).not.toHaveProperty('Amount');
    expect(listed.customAttributes).toHaveProperty('CustomerId');
    const missing = await grpcError(
      operator.removeSearchAttributes({ namespace: 'default', searchAttributes: ['CustomerId', 'Amount'] }),
    );
    expect(missing.code).toBe(NOT_FOUND);
    expect(missing.details).toMatch(/'Amount' is not registered/);
    // All or none: CustomerId is still there.
    const after = await operator.listSearchAttributes({ namespace: 'default' });
    expect(after.customAttributes).toHaveProperty('CustomerId');
  });

  it('answers NOT_FOUND for a namespace that does not exist', async () => {
    const listed = await grpcError(operator.listSearchAttributes({ namespace: 'no-such-namespace' }));
    expect(listed.code).toBe(NOT_FOUND);
    expect(listed.details).toMatch(/no-such-namespace/);
    const added = await grpcError(
      operator.addSearchAttributes({
        namespace: 'no-such-namespace',
        searchAttributes: { CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
      }),
    );
    expect(added.code).toBe(NOT_FOUND);
  });

  it('keeps custom attributes per namespace', async () => {
    await connection.workflowService.registerNamespace({
      namespace: 'sa-other',
      workflowExecutionRetentionPeriod: msToDuration(86_400_000),
    });
    const listed = await operator.listSearchAttributes({ namespace: 'sa-other' });
    expect(listed.customAttributes).toEqual({});
  });

  it('answers GetSearchAttributes with the system and predefined keys', async () => {
    const { keys } = await connection.workflowService.getSearchAttributes({});
    expect(keys).toMatchObject({
      WorkflowType: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      CloseTime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      BuildIds: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    });
  });

  it('refuses add and remove to a read_only API key, which may still list', async () => {
    const tenants = new Tenants(server.prisma);
    const account = await tenants.account('SearchAttrs');
    await tenants.namespace(account, 'sa-tenant');
    const { key } = await tenants.key({ accountId: account, role: 'read_only' });
    const readOnly = Connection.lazy({ address: server.address, apiKey: key, tls: false, interceptors: [] });
    try {
      const added = await grpcError(
        readOnly.operatorService.addSearchAttributes({
          namespace: 'sa-tenant',
          searchAttributes: { CustomerId: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD },
        }),
      );
      expect(added.code).toBe(PERMISSION_DENIED);
      expect(added.details).toMatch(/read_only role may not call OperatorService\/AddSearchAttributes/);
      const removed = await grpcError(
        readOnly.operatorService.removeSearchAttributes({ namespace: 'sa-tenant', searchAttributes: ['X'] }),
      );
      expect(removed.code).toBe(PERMISSION_DENIED);
      const listed = await readOnly.operatorService.listSearchAttributes({ namespace: 'sa-tenant' });
      expect(listed.customAttributes).toEqual({});
    } finally {
      await readOnly.close();
    }
  });
});
