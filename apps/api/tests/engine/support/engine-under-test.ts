import { startApiUnderTest } from '../../support/api-under-test.ts';

export interface EngineUnderTest {
  address: string;
  namespace: string;
  stop(): Promise<void>;
}

export async function startEngineUnderTest(): Promise<EngineUnderTest> {
  const address = process.env.KAIROS_ENGINE_TEST_ADDRESS;
  if (address) return { address, namespace: 'default', stop: async () => {} };
  const server = await startApiUnderTest('engine');
  return { address: server.address, namespace: 'default', stop: () => server.stop() };
}
