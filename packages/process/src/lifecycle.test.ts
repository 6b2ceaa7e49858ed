import { Writable } from 'node:stream';
import { createLogger } from '@kairos/telemetry';
import { describe, expect, it } from 'vitest';
import { Lifecycle } from './lifecycle.ts';

const silentLogger = createLogger({
  service: 'lifecycle-test',
  level: 'silent',
  destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

describe('Lifecycle', () => {
  it('stops parts newest first and keeps going past a failing step', async () => {
    const lifecycle = new Lifecycle(silentLogger);
    const stopped: string[] = [];
    await lifecycle.start(
      'postgres',
      async () => 'pg',
      async (part) => void stopped.push(part),
    );
    await lifecycle.start(
      'bus',
      async () => 'bus',
      async () => {
        stopped.push('bus');
        throw new Error('close failed');
      },
    );
    await lifecycle.start(
      'api',
      async () => 'api',
      async (part) => void stopped.push(part),
    );
    expect(await lifecycle.stopAll()).toBe(false);
    expect(stopped).toEqual(['api', 'bus', 'pg']);
    expect(await lifecycle.stopAll()).toBe(true); // nothing left to stop
  });

  it('does not register a part whose start failed', async () => {
    const lifecycle = new Lifecycle(silentLogger);
    const stopped: string[] = [];
    await lifecycle.start(
      'postgres',
      async () => 'pg',
      async (part) => void stopped.push(part),
    );
    await expect(
      lifecycle.start(
        'api',
        () => Promise.reject(new Error('port taken')),
        async () => void stopped.push('api'),
      ),
    ).rejects.toThrow('port taken');
    await lifecycle.stopAll();
    expect(stopped).toEqual(['pg']);
  });
});
