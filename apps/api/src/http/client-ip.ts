import { isIP } from 'node:net';

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * The address a request comes from, for rate limits. The TCP peer, except when the peer is loopback:
 * then it is the console's server-side proxy (or a local tool), and the first `x-forwarded-for` entry
 * names the browser. A remote peer cannot choose its address by sending that header.
 */
export function clientIpOf(
  peerAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
): string {
  const peer = normalize(peerAddress ?? 'unknown');
  if (!isLoopback(peer)) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const first = header?.split(',')[0]?.trim();
  return first && isIP(normalize(first)) !== 0 ? normalize(first) : peer;
}
