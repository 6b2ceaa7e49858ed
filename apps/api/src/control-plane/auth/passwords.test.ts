import { describe, expect, it } from 'vitest';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes in the scrypt$N$r$p$salt$hash format with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse battery');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, so the cost can change later', async () => {
    const stored = await hashPassword('s3cret-passphrase');
    const [, , , , salt] = stored.split('$');
    // Re-derive with a lower cost by hand: a hash made with N=1024 must still verify.
    const { scryptSync } = await import('node:crypto');
    const cheap = scryptSync('s3cret-passphrase', Buffer.from(salt!, 'base64url'), 32, {
      N: 1024,
      r: 8,
      p: 1,
    });
    const older = `scrypt$1024$8$1$${salt}$${cheap.toString('base64url')}`;
    expect(await verifyPassword('s3cret-passphrase', older)).toBe(true);
    expect(await verifyPassword('other', older)).toBe(false);
  });

  it('answers false, without throwing, for malformed stored values', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$x$8$1$abc$def',
      'bcrypt$1$2$3$4$5',
      'scrypt$16384$8$1$$',
      'scrypt$3$8$1$c2FsdA$' + 'A'.repeat(43),
    ])
      expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('has a decoy hash that no password matches', async () => {
    const decoy = await decoyPasswordHash();
    expect(decoy).toBe(await decoyPasswordHash());
    expect(await verifyPassword('', decoy)).toBe(false);
  });
});
