import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBusContract } from '../src/bus.contract.ts';
import { KafkaBus } from '../src/kafka-bus.ts';

// Real Kafka (infra/kafka/up). No fallback: an unreachable broker fails the suite.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const crashingConsumer = fileURLToPath(new URL('./fixtures/consumer-that-crashes.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

runBusContract('KafkaBus on a real broker', {
  // 6 s is the broker's minimum session timeout: the fastest a dead consumer's partitions move.
  createBus: () => new KafkaBus({ brokers, clientId: 'contract', sessionTimeoutMs: 6_000 }),
  deliveryTimeoutMs: 15_000,
  runConsumerThatCrashes(_bus, topic, groupId) {
    return new Promise((resolve, reject) => {
      const child = spawn(tsx, [crashingConsumer, topic, groupId, brokers.join(',')], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const key = /received (\S+)/.exec(output)?.[1];
        if (key) {
          child.once('exit', () => resolve(key));
          child.kill('SIGKILL');
        }
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`crashing consumer exited early (code ${code})`));
      });
    });
  },
});
