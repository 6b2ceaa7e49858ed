import { Client, Metadata, Server, ServerCredentials, credentials, type ServiceError } from '@grpc/grpc-js';
import { temporal } from './temporal-api.js';
import Long from 'long';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildServiceDefinition,
  operatorServiceDefinition,
  workflowServiceDefinition,
  workflowServiceName,
} from './service-definition.ts';
import { lookupService } from './temporal-root.ts';

const v1 = temporal.api.workflowservice.v1;

describe('WorkflowService definition', () => {
  const reflected = lookupService(workflowServiceName).methodsArray.map((method) => method.name);

  it('has every rpc of the reflection, at /<service>/<Method>', () => {
    expect(reflected.length).toBeGreaterThan(100);
    expect(Object.keys(workflowServiceDefinition).sort()).toEqual([...reflected].sort());
    for (const name of reflected) {
      expect(workflowServiceDefinition[name]).toMatchObject({
        path: `/temporal.api.workflowservice.v1.WorkflowService/${name}`,
        methodName: name,
        requestTypeName: expect.stringMatching(/^temporal\.api\.workflowservice\.v1\.\w+Request$/),
      });
    }
  });

  it('names the rpcs the SDKs call', () => {
    for (const name of [
      'GetSystemInfo',
      'DescribeNamespace',
      'StartWorkflowExecution',
      'PollWorkflowTaskQueue',
    ]) {
      expect(workflowServiceDefinition[name]?.path).toBe(
        `/temporal.api.workflowservice.v1.WorkflowService/${name}`,
      );
    }
    expect(workflowServiceDefinition.DescribeNamespace?.originalName).toBe('describeNamespace');
    expect(workflowServiceDefinition.DescribeNamespace?.responseTypeName).toBe(
      'temporal.api.workflowservice.v1.DescribeNamespaceResponse',
    );
  });

  it('keeps the streaming flags as declared (all unary today)', () => {
    for (const method of lookupService(workflowServiceName).methodsArray) {
      const definition = workflowServiceDefinition[method.name];
      expect(definition?.requestStream).toBe(method.requestStream === true);
      expect(definition?.responseStream).toBe(method.responseStream === true);
    }
  });

  it('round-trips a request through serialize and deserialize', () => {
    const definition = workflowServiceDefinition.StartWorkflowExecution!;
    const request = {
      namespace: 'default',
      workflowId: 'order-42',
      workflowType: { name: 'processOrder' },
      taskQueue: { name: 'orders' },
      input: {
        payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{"id":42}') }],
      },
      workflowExecutionTimeout: { seconds: Long.fromNumber(3600), nanos: 5 },
      requestId: 'c0ffee',
    };
    const bytes = definition.requestSerialize(request);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    const decoded = definition.requestDeserialize(
      bytes,
    ) as temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
    expect(decoded).toEqual(v1.StartWorkflowExecutionRequest.decode(bytes));
    expect(decoded.workflowId).toBe('order-42');
    expect(decoded.workflowType?.name).toBe('processOrder');
    expect(Buffer.from(decoded.input!.payloads![0]!.data!).toString()).toBe('{"id":42}');
    expect(Long.fromValue(decoded.workflowExecutionTimeout!.seconds!).toNumber()).toBe(3600);
    expect(definition.requestSerialize(decoded)).toEqual(bytes);
  });

  it('also builds OperatorService, and refuses unknown services', () => {
    expect(operatorServiceDefinition.ListSearchAttributes?.path).toBe(
      '/temporal.api.operatorservice.v1.OperatorService/ListSearchAttributes',
    );
    expect(() => buildServiceDefinition('temporal.api.nope.v1.NoService')).toThrow();
  });
});

describe('interop with the generated client stubs', () => {
  let server: Server;
  let client: Client;

  beforeAll(async () => {
    server = new Server();
    server.addService(workflowServiceDefinition, {
      DescribeNamespace: (
        call: { request: temporal.api.workflowservice.v1.DescribeNamespaceRequest },
        callback: (error: ServiceError | null, response?: object) => void,
      ) => callback(null, { namespaceInfo: { name: call.request.namespace, id: 'ns-id' } }),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    client = new Client(`127.0.0.1:${port}`, credentials.createInsecure());
  });
  afterAll(() => {
    client.close();
    server.forceShutdown();
  });

  /** The transport the SDK uses: the generated stub hands us encoded bytes for `/<service>/<method.name>`. */
  const stub = () =>
    v1.WorkflowService.create((method, requestData, callback) => {
      client.makeUnaryRequest(
        `/${workflowServiceName}/${method.name}`,
        (bytes: Uint8Array) => Buffer.from(bytes),
        (bytes: Buffer) => bytes,
        Buffer.from(requestData),
        new Metadata(),
        {},
        (error, response) => callback(error, response),
      );
    });

  it('serves a generated-stub call and answers others UNIMPLEMENTED', async () => {
    const response = await stub().describeNamespace({ namespace: 'default' });
    expect(response.namespaceInfo?.name).toBe('default');
    await expect(stub().getSystemInfo({})).rejects.toMatchObject({ code: 12 });
  });
});
