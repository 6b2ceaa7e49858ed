import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, isLoopbackPeer, peerIpAddress } from './peer-address.ts';

describe('peer addresses from grpc-js', () => {
  it('takes the address out of the forms getPeer() produces', () => {
    expect(peerIpAddress('127.0.0.1:53412')).toBe('127.0.0.1');
    expect(peerIpAddress('::1:53412')).toBe('::1');
    expect(peerIpAddress('::ffff:127.0.0.1:8080')).toBe('::ffff:127.0.0.1');
    expect(peerIpAddress('[::1]:53412')).toBe('::1');
    expect(peerIpAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(peerIpAddress('unknown')).toBeUndefined();
    expect(peerIpAddress('')).toBeUndefined();
    expect(peerIpAddress('localhost:7233')).toBeUndefined();
  });

  it('treats 127.0.0.0/8, ::1 and IPv4-mapped 127.x as loopback, nothing else', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.3.4',
      '::1',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      '::FFFF:7f00:1',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of [
      '128.0.0.1',
      '10.0.0.1',
      '0.0.0.0',
      '::',
      '::2',
      '::ffff:10.0.0.1',
      '::ffff:128.0.0.1',
      'fe80::1',
      '::127.0.0.1',
      'localhost',
      '',
    ]) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });

  it('decides on the whole peer string, failing closed on anything odd', () => {
    expect(isLoopbackPeer('127.0.0.1:40000')).toBe(true);
    expect(isLoopbackPeer('::1:40000')).toBe(true);
    expect(isLoopbackPeer('::ffff:127.0.0.1:40000')).toBe(true);
    expect(isLoopbackPeer('192.168.1.20:40000')).toBe(false);
    expect(isLoopbackPeer('::ffff:192.168.1.20:40000')).toBe(false);
    expect(isLoopbackPeer('unknown')).toBe(false);
    expect(isLoopbackPeer('127.0.0.1.evil:1')).toBe(false);
  });
});
