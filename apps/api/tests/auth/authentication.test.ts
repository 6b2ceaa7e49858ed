import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SYSTEM_ACCOUNT_ID } from '@kairos/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grpcError } from '../support/grpc-error.ts';
import { startAuthApiUnderTest, type AuthApiUnderTest } from './support/auth-api-under-test.ts';
import { rawGrpcCall } from './support/raw-grpc-call.ts';

const UNAUTHENTICATED = 16;
const getSystemInfoPath = '/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo';

describe('API key authentication (official SDK, anonymous loopback access off)', () => {
  let server: AuthApiUnderTest;
  let accountId: string;

  beforeAll(async () => {
    server = await startAuthApiUnderTest('auth_authn');
    accountId = await server.tenants.account('Acme');
    await server.tenants.namespace(accountId, 'acme-prod');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lets a valid key in (connect, describe its namespace) and records when it was used', async () => {
    const { key, id } = await server.tenants.key({ accountId });
    const connection = server.connect(key);
    const info = await connection.workflowService.getSystemInfo({});
    expect(info.serverVersion).toMatch(/^\d+\.\d+\.\d+/);
    const described = await connection.workflowService.describeNamespace({ namespace: 'acme-prod' });
    expect(described.namespaceInfo?.name).toBe('acme-prod');
    await expect
      .poll(async () => (await server.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt)
      .toBeInstanceOf(Date);
  });

  it('refuses a call without a key with UNAUTHENTICATED, even from loopback', async () => {
    const error = await grpcError(
      server.connect().workflowService.describeNamespace({ namespace: 'default' }),
    );
    expect(error.code).toBe(UNAUTHENTICATED);
    expect(error.details).toBe(
      'Request unauthenticated: send an API key as `authorization: Bearer <key>` metadata.',
    );
  });

  it('refuses an unknown key, and a known prefix with the wrong secret, without echoing the key', async () => {
    const { key } = await server.tenants.key({ accountId });
    const unknown = `kairos_aaaaaaaaaa_${'A'.repeat(43)}`;
    const forged = `${key.slice(0, 18)}${'B'.repeat(43)}`;
    for (const attempt of [unknown, forged]) {
      const error = await grpcError(server.connect(attempt).workflowService.getSystemInfo({}));
      expect(error.code).toBe(UNAUTHENTICATED);
      expect(error.details).toBe('Request unauthenticated: the API key is not valid.');
      expect(error.details).not.toContain(attempt.slice(18));
    }
  });

  it('refuses malformed authorization metadata with UNAUTHENTICATED and keeps serving', async () => {
    const connection = server.connect();
    const withAuthorization = (value: string) =>
      grpcError(
        connection.withMetadata({ authorization: value }, () => connection.workflowService.getSystemInfo({})),
      );
    const cases: [string, RegExp][] = [
      ['kairos_aaaaaaaaaa_' + 'A'.repeat(43), /must read `Bearer <API key>`/],
      ['Basic dXNlcjpwYXNz', /must read `Bearer <API key>`/],
      ['', /must read `Bearer <API key>`|send an API key/],
      ['Bearer', /must read `Bearer <API key>`/],
      // HTTP/2 may trim the trailing space (or drop the header with it): either refusal will do.
      ['Bearer ', /must read `Bearer <API key>`|send an API key/],
      ['Bearer not-a-kairos-key', /the API key is malformed/],
      [`Bearer ${'x'.repeat(10 * 1024)}`, /must read `Bearer <API key>`/],
    ];
    for (const [value, message] of cases) {
      const error = await withAuthorization(value);
      expect({ value: value.slice(0, 40), code: error.code }).toEqual({
        value: value.slice(0, 40),
        code: UNAUTHENTICATED,
      });
      expect({ value: value.slice(0, 40), details: error.details }).toEqual({
        value: value.slice(0, 40),
        details: expect.stringMatching(message),
      });
      expect(error.details.length).toBeLessThan(200);
    }
    // grpc-js clients will not send bytes outside printable ASCII; a raw HTTP/2 client can.
    for (const value of [
      'Bearer kairos_ééééééééé_' + 'é'.repeat(43),
      'Bearer \u00ff\u00fe',
      '\u00a0Bearer x',
    ]) {
      const answer = await rawGrpcCall(server.address, getSystemInfoPath, { authorization: value });
      expect(answer.status).toBe(UNAUTHENTICATED);
    }
    // Two authorization values at once are refused too.
    const twice = await rawGrpcCall(server.address, getSystemInfoPath, {
      authorization: 'Bearer a, Bearer b',
    });
    expect(twice.status).toBe(UNAUTHENTICATED);
    const { key } = await server.tenants.key({ accountId });
    expect((await server.connect(key).workflowService.getSystemInfo({})).serverVersion).toBeTruthy();
  });

  it('stops accepting a revoked key within 1 s', async () => {
    const { key, id } = await server.tenants.key({ accountId });
    const connection = server.connect(key);
    await connection.workflowService.describeNamespace({ namespace: 'acme-prod' });
    await server.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const revokedAt = performance.now();
    let refusal;
    for (;;) {
      refusal = await connection.workflowService.describeNamespace({ namespace: 'acme-prod' }).then(
        () => undefined,
        (error: { code: number; details: string }) => error,
      );
      if (refusal || performance.now() - revokedAt > 5_000) break;
    }
    const latencyMs = performance.now() - revokedAt;
    console.info(`revocation took effect after ${latencyMs.toFixed(0)} ms`);
    expect(refusal?.code).toBe(UNAUTHENTICATED);
    expect(refusal?.details).toMatch(
      /^Request unauthenticated: the API key kairos_[a-z2-7]{10} was revoked\.$/,
    );
    expect(latencyMs).toBeLessThan(1_000);
  });

  it('refuses an expired key, checked on every call', async () => {
    const { key, id } = await server.tenants.key({ accountId, expiresAt: new Date(Date.now() - 1_000) });
    const error = await grpcError(server.connect(key).workflowService.getSystemInfo({}));
    expect(error.code).toBe(UNAUTHENTICATED);
    expect(error.details).toMatch(
      /^Request unauthenticated: the API key kairos_[a-z2-7]{10} expired at \d{4}-/,
    );
    expect((await server.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();

    // A key that expires while it is cached is refused from that moment, not when the cache turns over.
    const soon = await server.tenants.key({ accountId, expiresAt: new Date(Date.now() + 1_500) });
    const connection = server.connect(soon.key);
    await connection.workflowService.getSystemInfo({});
    await expect
      .poll(
        async () =>
          connection.workflowService.getSystemInfo({}).then(
            () => 'accepted',
            (refused: { code: number }) => refused.code,
          ),
        { timeout: 5_000, interval: 50 },
      )
      .toBe(UNAUTHENTICATED);
  });

  it('keeps anonymous access off: a system-account key works where no key does not', async () => {
    const { key } = await server.tenants.key({ accountId: SYSTEM_ACCOUNT_ID });
    const described = await server.connect(key).workflowService.describeNamespace({ namespace: 'default' });
    expect(described.namespaceInfo?.name).toBe('default');
  });
});

describe('configuration', () => {
  it('refuses KAIROS_ANONYMOUS_LOOPBACK=true in cluster mode at start-up (exit 78, naming it)', () => {
    const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
    const result = spawnSync(tsx, [fileURLToPath(new URL('../../src/main.ts', import.meta.url))], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        KAIROS_MODE: 'cluster',
        KAIROS_ANONYMOUS_LOOPBACK: 'true',
        DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('KAIROS_ANONYMOUS_LOOPBACK: must not be true in cluster mode');
  });
});
