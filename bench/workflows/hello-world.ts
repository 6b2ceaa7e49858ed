// The bench's workflow (bundled by engine-hello-world.ts): one activity, its result returned.
import { proxyActivities } from '@temporalio/workflow';

const { greet } = proxyActivities<{ greet(name: string): Promise<string> }>({ startToCloseTimeout: '30s' });

export async function helloWorld(name: string): Promise<string> {
  return greet(name);
}
