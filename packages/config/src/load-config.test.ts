import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.ts';

describe('loadConfig', () => {
  it('applies defaults when variables are unset or empty', () => {
    const config = loadConfig(['KAIROS_GRPC_PORT', 'KAIROS_BUS', 'KAFKA_BROKERS'], { KAIROS_BUS: '' });
    expect(config).toEqual({
      KAIROS_GRPC_PORT: 7233,
      KAIROS_BUS: 'memory',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
    });
  });

  it('parses and converts provided values', () => {
    const config = loadConfig(['KAIROS_GRPC_PORT', 'KAFKA_BROKERS', 'DATABASE_URL'], {
      KAIROS_GRPC_PORT: '17233',
      KAFKA_BROKERS: 'a:1, b:2',
      DATABASE_URL: 'postgresql://u:p@127.0.0.1:5433/db',
    });
    expect(config.KAIROS_GRPC_PORT).toBe(17233);
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.DATABASE_URL).toBe('postgresql://u:p@127.0.0.1:5433/db');
  });

  it('names every invalid variable and the value it got', () => {
    let error: unknown;
    try {
      loadConfig(['KAIROS_GRPC_PORT', 'KAIROS_BUS', 'DATABASE_URL', 'KAFKA_BROKERS'], {
        KAIROS_GRPC_PORT: 'seven',
        KAIROS_BUS: 'rabbit',
        DATABASE_URL: 'mysql://x@y/z',
        KAFKA_BROKERS: 'no-port',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/KAIROS_GRPC_PORT: expected a port number, got "seven"/);
    expect(message).toMatch(/KAIROS_BUS: .*got "rabbit"/);
    expect(message).toMatch(/DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).toMatch(/KAFKA_BROKERS: expected a comma-separated list of host:port/);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
      'KAIROS_GRPC_PORT',
      'KAIROS_BUS',
      'DATABASE_URL',
      'KAFKA_BROKERS',
    ]);
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig(['KAIROS_HTTP_PORT'], { KAIROS_HTTP_PORT: '70000' })).toThrow(
      /KAIROS_HTTP_PORT: expected a port between 0 and 65535/,
    );
  });
});

describe('loadConfig with required variables', () => {
  it('fails naming a required variable that is unset, with the reason', () => {
    expect(() =>
      loadConfig(['DATABASE_URL', 'KAIROS_BUS'], {}, { required: ['DATABASE_URL'], why: 'in cluster mode' }),
    ).toThrow(/DATABASE_URL: required in cluster mode/);
  });

  it('returns the value when it is set', () => {
    const config = loadConfig(
      ['DATABASE_URL'],
      { DATABASE_URL: 'postgres://a@b/c' },
      { required: ['DATABASE_URL'] },
    );
    expect(config.DATABASE_URL).toBe('postgres://a@b/c');
  });
});
