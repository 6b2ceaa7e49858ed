import { namespaceInvalidState, namespaceNotFound } from '@kairos/errors';
import type { NamespaceRef } from '@kairos/history/client';
import type { NamespaceAccess, NamespaceRepository } from './namespace-repository.ts';

/**
 * How long a namespace's owner and state are reused. Owners never change (names are unique for good);
 * the state does, so a deletion in the console reaches every api process within this time.
 */
const CACHE_TTL_MS = 2_000;
/** Past this many cached names the cache starts afresh (callers may name namespaces at will). */
const MAX_CACHED = 10_000;

type Lookup = { name: string } | { id: string };

/**
 * Turns the namespace of an rpc into what the api works with: its owner (for authorization) and its
 * id (for the engine). Cached briefly: every poll and task completion names its namespace, and
 * namespaces change rarely.
 */
export class NamespaceResolver {
  private readonly cache = new Map<string, { access: Promise<NamespaceAccess | undefined>; until: number }>();

  constructor(
    private readonly namespaces: NamespaceRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** Owner and state of the namespace, removed ones included; undefined when no such namespace. */
  access(lookup: Lookup): Promise<NamespaceAccess | undefined> {
    const key = 'id' in lookup ? `id:${lookup.id}` : `name:${lookup.name}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now()) return cached.access;
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    const access = this.namespaces.findAccess(lookup);
    this.cache.set(key, { access, until: this.now() + CACHE_TTL_MS });
    // A failed read must not be remembered.
    access.catch(() => this.cache.delete(key));
    return access;
  }

  /**
   * The namespace a workflow rpc acts on. A namespace deleted in the console (soft delete: deleted_at
   * set) answers NOT_FOUND with NamespaceNotFoundFailure, as if it had never existed, like a namespace
   * Temporal has deleted. One put in the DELETED state by UpdateNamespace answers FAILED_PRECONDITION
   * with NamespaceInvalidStateFailure, as Temporal's namespace validator does.
   */
  async resolve(name: string): Promise<NamespaceRef> {
    const found = await this.access({ name });
    if (!found || found.removed) throw namespaceNotFound(name);
    if (found.deleted) throw namespaceInvalidState(name, 'DELETED', ['REGISTERED']);
    return { id: found.id, name: found.name };
  }
}
