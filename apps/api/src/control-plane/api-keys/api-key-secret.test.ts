import { describe, expect, it } from 'vitest';
import { apiKeyMatches, apiKeyPrefixOf, hashApiKey, mintApiKey } from './api-key-secret.ts';

describe('API key secrets', () => {
  it('mints keys whose prefix is found again and whose hash matches only the same key', () => {
    const minted = mintApiKey();
    expect(minted.key.startsWith(`${minted.prefix}_`)).toBe(true);
    expect(apiKeyPrefixOf(minted.key)).toBe(minted.prefix);
    expect(minted.secretHash).toBe(hashApiKey(minted.key));
    expect(apiKeyMatches(minted.key, minted.secretHash)).toBe(true);
    expect(apiKeyMatches(`${minted.key.slice(0, -1)}x`, minted.secretHash)).toBe(false);
    expect(minted.secretHash).not.toContain(minted.key.slice(minted.prefix.length + 1));
  });

  it('mints a different key each time', () => {
    const keys = new Set(Array.from({ length: 200 }, () => mintApiKey().key));
    const prefixes = new Set([...keys].map((key) => apiKeyPrefixOf(key)));
    expect(keys.size).toBe(200);
    expect(prefixes.size).toBe(200);
  });

  it.each([
    '',
    'Bearer x',
    'kairos_',
    'kairos_abc_def',
    `kairos_ABCDEFGHIJ_${'a'.repeat(43)}`,
    `kairos_abcdefghij_${'a'.repeat(44)}`,
  ])('finds no prefix in the malformed key %j', (key) => expect(apiKeyPrefixOf(key)).toBeUndefined());

  it('refuses a stored hash of another length without throwing', () => {
    expect(apiKeyMatches(mintApiKey().key, 'abcd')).toBe(false);
  });
});
