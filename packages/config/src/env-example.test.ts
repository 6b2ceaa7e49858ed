import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { variables } from './variables.ts';

// Keeps the documentation true: every variable the code reads is in .env.example, and nothing else is.
describe('.env.example', () => {
  const path = fileURLToPath(new URL('../../../.env.example', import.meta.url));
  const documented = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);

  it('documents every variable of the catalogue', () => {
    expect(Object.keys(variables).filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('documents nothing the code does not read', () => {
    expect(documented.filter((name) => !(name in variables))).toEqual([]);
  });
});
