import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `kairos_<10 lowercase base32 chars>_<43 base64url chars>`.
 * The part before the second underscore is the key's *prefix*: unique, stored in clear and shown in
 * lists, used to find the key's row. The rest carries 256 random bits; only the SHA-256 of the whole
 * key is stored, so a database leak gives no usable keys. A fast hash is enough because the secret is
 * random, not a human password.
 */
const KEY_PATTERN = /^(kairos_[a-z2-7]{10})_([A-Za-z0-9_-]{43})$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface MintedApiKey {
  /** The whole key: returned to the user once, never stored or logged. */
  key: string;
  prefix: string;
  secretHash: string;
}

export function mintApiKey(): MintedApiKey {
  const prefixId = Array.from(randomBytes(10), (byte) => BASE32[byte % 32]).join('');
  const prefix = `kairos_${prefixId}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The prefix of a well-formed key, or undefined for anything else (never throws on bad input). */
export function apiKeyPrefixOf(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

/** Compares a presented key with a stored hash in constant time. */
export function apiKeyMatches(presentedKey: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(presentedKey), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
