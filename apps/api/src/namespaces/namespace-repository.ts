/** A namespace as the control plane stores it. */
export interface NamespaceRecord {
  id: string;
  name: string;
  accountId: string;
  /** Soft deletion: a deleted namespace keeps its row (and name) until retention and archival are done. */
  state: 'active' | 'deleted';
  description: string;
  ownerEmail: string;
  /** Temporal's NamespaceInfo.data. */
  data: Record<string, string>;
  retentionDays: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewNamespace {
  name: string;
  accountId: string;
  description: string;
  ownerEmail: string;
  data: Record<string, string>;
  retentionDays: number;
}

/** The fields an update may set; absent fields stay as they are. */
export type NamespaceChange = Partial<
  Pick<NamespaceRecord, 'state' | 'description' | 'ownerEmail' | 'data' | 'retentionDays'>
>;

/**
 * Who owns a namespace, for authorization: also found for namespaces removed in the console (so the
 * owner's callers can be told "not found" while anyone else gets the same refusal as for a name that
 * never existed).
 */
export interface NamespaceAccess {
  id: string;
  name: string;
  accountId: string;
  /** Deleted in the control plane (`deleted_at` set): gone for every rpc. */
  removed: boolean;
  /** Temporal's DELETED state (UpdateNamespace), or removed: no workflow rpc may use it. */
  deleted: boolean;
}

export interface NamespacePage {
  /** At most this many namespaces. */
  pageSize: number;
  /** Only namespaces whose name sorts after this one (keyset paging: stable while rows change). */
  afterName?: string | undefined;
  includeDeleted: boolean;
  /** Only this account's namespaces. */
  accountId: string;
  /** Only these namespaces (an API key scoped to some namespaces); undefined: all of the account's. */
  ids?: readonly string[] | undefined;
}

/**
 * Namespace persistence for the api. Small on purpose (CONVENTIONS: repositories behind small
 * interfaces); handlers depend on this, the Prisma implementation sits beside it.
 */
export interface NamespaceRepository {
  /**
   * The lookups, list and update below never see namespaces removed in the control plane (deleted_at
   * set): for the gRPC API those no longer exist. Namespaces in Temporal's DELETED state (set by
   * UpdateNamespace) are still described and listed on request, as Temporal does.
   */
  findByName(name: string): Promise<NamespaceRecord | undefined>;
  findById(id: string): Promise<NamespaceRecord | undefined>;
  /** The owner of a namespace by name or id, removed ones included. */
  findAccess(lookup: { name: string } | { id: string }): Promise<NamespaceAccess | undefined>;
  /** Ordered by name. */
  list(page: NamespacePage): Promise<NamespaceRecord[]>;
  /** Throws AlreadyExists (with Temporal's NamespaceAlreadyExistsFailure) when the name is taken. */
  create(namespace: NewNamespace): Promise<NamespaceRecord>;
  /**
   * Reads the namespace under a row lock, asks `plan` what to change (it may throw a DomainError to
   * refuse) and writes that, all in one transaction, so concurrent updates never lose each other's
   * changes. Returns undefined when no namespace has this name.
   */
  update(
    name: string,
    plan: (current: NamespaceRecord) => NamespaceChange,
  ): Promise<NamespaceRecord | undefined>;
}
