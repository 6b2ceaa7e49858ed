import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from './cookies.ts';

describe('cookies', () => {
  it('parses a Cookie header, skipping junk and keeping the first of duplicates', () => {
    const cookies = parseCookies('a=1; kairos_session=abc%3D; junk; =x; a=2; bad=%E0%A4%A');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['kairos_session', 'abc='],
    ]);
    expect(parseCookies(null).size).toBe(0);
  });

  it('serializes with the attributes asked for', () => {
    expect(serializeCookie('s', 'v', { httpOnly: true, sameSite: 'Lax', secure: true, maxAge: 60 })).toBe(
      's=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure',
    );
    expect(serializeCookie('c', 'x y', { httpOnly: false, sameSite: 'Strict', secure: false })).toBe(
      'c=x%20y; Path=/; SameSite=Strict',
    );
  });
});
