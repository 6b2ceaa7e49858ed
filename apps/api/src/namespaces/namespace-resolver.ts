import { namespaceInvalidState, namespaceNotFound } from '@kairos/errors';
import type { NamespaceRef } from '@kairos/history/client';
import type { NamespaceRepository } from './namespace-repository.ts';

const CACHE_TTL_MS = 10_000;

/**
 * Turns the namespace name of a workflow rpc into the id the engine works with. Cached briefly: every
 * poll and task completion names its namespace, and namespaces change rarely.
 */
export class NamespaceResolver {
  private readonly cache = new Map<string, { ref: NamespaceRef; until: number }>();

  constructor(private readonly namespaces: NamespaceRepository) {}

  async resolve(name: string): Promise<NamespaceRef> {
    const cached = this.cache.get(name);
    if (cached && cached.until > Date.now()) return cached.ref;
    const found = await this.namespaces.findByName(name);
    if (!found) throw namespaceNotFound(name);
    if (found.state !== 'active') throw namespaceInvalidState(name, 'DELETED', ['REGISTERED']);
    const ref = { id: found.id, name: found.name };
    this.cache.set(name, { ref, until: Date.now() + CACHE_TTL_MS });
    return ref;
  }
}
