import { isIP, isIPv4 } from 'node:net';

/**
 * The IP address in a grpc-js peer string (`call.getPeer()`), or undefined when there is none (e.g.
 * `unknown`, a unix socket). grpc-js writes `<remoteAddress>:<remotePort>` without brackets, so an
 * IPv6 peer reads `::1:53412`; bracketed `[::1]:53412` and a bare address are accepted too. A TCP peer
 * always has a port, so a trailing `:<digits>` is the port (never part of the address).
 */
export function peerIpAddress(peer: string): string | undefined {
  const bracketed = /^\[([^\]]+)\]:\d{1,5}$/.exec(peer);
  if (bracketed?.[1] !== undefined) return isIP(bracketed[1]) ? bracketed[1] : undefined;
  const withPort = /^(.+):\d{1,5}$/.exec(peer);
  if (withPort?.[1] !== undefined && isIP(withPort[1])) return withPort[1];
  return isIP(peer) ? peer : undefined;
}

/**
 * True for loopback addresses only: 127.0.0.0/8, ::1 and IPv4-mapped 127.x (`::ffff:127.0.0.1`, as
 * Node reports IPv4 clients of a dual-stack socket). Anything unparsable is not loopback.
 */
export function isLoopbackAddress(address: string): boolean {
  if (isIPv4(address)) return address.split('.')[0] === '127';
  if (isIP(address) !== 6) return false;
  // The URL parser writes IPv6 in its canonical compressed form, lower case, mapped IPv4 in hex.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  if (canonical === '::1') return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(canonical);
  return mapped?.[1] !== undefined && mapped[1].length === 4 && mapped[1].startsWith('7f');
}

/** Whether a grpc-js peer string names a loopback client. */
export function isLoopbackPeer(peer: string): boolean {
  const address = peerIpAddress(peer);
  return address !== undefined && isLoopbackAddress(address);
}
