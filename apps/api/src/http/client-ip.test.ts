import { describe, expect, it } from 'vitest';
import { clientIpOf } from './client-ip.ts';

describe('clientIpOf', () => {
  it('is the TCP peer for remote clients, whatever they claim', () => {
    expect(clientIpOf('203.0.113.7', '10.0.0.1')).toBe('203.0.113.7');
    expect(clientIpOf('::ffff:203.0.113.7', undefined)).toBe('203.0.113.7');
    expect(clientIpOf('2001:db8::1', '10.0.0.1')).toBe('2001:db8::1');
  });

  it('is the first x-forwarded-for entry behind a loopback proxy (the console)', () => {
    expect(clientIpOf('127.0.0.1', '198.51.100.4, 10.0.0.2')).toBe('198.51.100.4');
    expect(clientIpOf('::1', ['2001:db8::9', '10.0.0.3'])).toBe('2001:db8::9');
    expect(clientIpOf('::ffff:127.0.0.1', '::ffff:198.51.100.4')).toBe('198.51.100.4');
  });

  it('falls back to the peer when the forwarded value is missing or not an address', () => {
    expect(clientIpOf('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(clientIpOf('127.0.0.1', 'not-an-ip')).toBe('127.0.0.1');
    expect(clientIpOf('127.0.0.1', '')).toBe('127.0.0.1');
    expect(clientIpOf(undefined, undefined)).toBe('unknown');
  });
});
