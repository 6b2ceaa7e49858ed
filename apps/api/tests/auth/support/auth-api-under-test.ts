import type { PrismaClient } from '@kairos/db';
import { Connection } from '@temporalio/client';
import { startApiUnderTest } from '../../support/api-under-test.ts';
import { Tenants } from './tenants.ts';

export interface AuthApiUnderTest {
  address: string;
  prisma: PrismaClient;
  tenants: Tenants;
  /**
   * An SDK connection with this key (none: no authorization header), without TLS and without the SDK's
   * retry interceptor (it would retry RESOURCE_EXHAUSTED and UNAVAILABLE for seconds). Lazy: nothing
   * is sent until the first call, so refusals surface on the call under test.
   */
  connect(apiKey?: string): Connection;
  stop(): Promise<void>;
}

/**
 * The api as `npm start` composes it (in-process engine, fresh database), but with anonymous loopback
 * access off, so that every call needs an API key, as in cluster mode.
 */
export async function startAuthApiUnderTest(
  purpose: string,
  options: { longPollMs?: number } = {},
): Promise<AuthApiUnderTest> {
  const underTest = await startApiUnderTest(purpose, { ...options, anonymousLoopback: false });
  const connections: Connection[] = [];
  return {
    address: underTest.address,
    prisma: underTest.prisma,
    tenants: new Tenants(underTest.prisma),
    connect(apiKey) {
      const connection = Connection.lazy({
        address: underTest.address,
        ...(apiKey === undefined ? {} : { apiKey }),
        tls: false,
        interceptors: [],
      });
      connections.push(connection);
      return connection;
    },
    async stop() {
      await Promise.all(connections.map((connection) => connection.close()));
      await underTest.stop();
    },
  };
}
