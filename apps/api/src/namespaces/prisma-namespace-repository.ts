import { Prisma, type Namespace, type PrismaClient } from '@kairos/db';
import { namespaceAlreadyExists } from '@kairos/errors';
import { z } from 'zod';
import type {
  NamespaceAccess,
  NamespaceChange,
  NamespacePage,
  NamespaceRecord,
  NamespaceRepository,
  NewNamespace,
} from './namespace-repository.ts';

/** `data` is jsonb with a CHECK that it is an object; the values are ours to keep as strings. */
const namespaceData = z.record(z.string(), z.string());

function toRecord(row: Namespace): NamespaceRecord {
  return {
    id: row.id,
    name: row.name,
    accountId: row.accountId,
    state: row.state,
    description: row.description,
    ownerEmail: row.ownerEmail,
    data: namespaceData.parse(row.data),
    retentionDays: row.retentionDays,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export class PrismaNamespaceRepository implements NamespaceRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByName(name: string): Promise<NamespaceRecord | undefined> {
    const row = await this.prisma.namespace.findFirst({ where: { name, deletedAt: null } });
    return row ? toRecord(row) : undefined;
  }

  async findById(id: string): Promise<NamespaceRecord | undefined> {
    if (!uuidPattern.test(id)) return undefined;
    const row = await this.prisma.namespace.findFirst({ where: { id, deletedAt: null } });
    return row ? toRecord(row) : undefined;
  }

  async findAccess(lookup: { name: string } | { id: string }): Promise<NamespaceAccess | undefined> {
    if ('id' in lookup && !uuidPattern.test(lookup.id)) return undefined;
    const row = await this.prisma.namespace.findUnique({
      where: 'id' in lookup ? { id: lookup.id } : { name: lookup.name },
      select: { id: true, name: true, accountId: true, state: true, deletedAt: true },
    });
    if (!row) return undefined;
    const removed = row.deletedAt !== null;
    return {
      id: row.id,
      name: row.name,
      accountId: row.accountId,
      removed,
      deleted: removed || row.state === 'deleted',
    };
  }

  async list(page: NamespacePage): Promise<NamespaceRecord[]> {
    const rows = await this.prisma.namespace.findMany({
      where: {
        accountId: page.accountId,
        deletedAt: null,
        ...(page.ids === undefined ? {} : { id: { in: [...page.ids] } }),
        ...(page.afterName === undefined ? {} : { name: { gt: page.afterName } }),
        ...(page.includeDeleted ? {} : { state: 'active' }),
      },
      // The sort and the `gt` above use the same (deterministic) collation, so keyset pages neither skip
      // nor repeat a namespace, whatever is created or deleted between two pages.
      orderBy: { name: 'asc' },
      take: page.pageSize,
    });
    return rows.map(toRecord);
  }

  async create(namespace: NewNamespace): Promise<NamespaceRecord> {
    try {
      return toRecord(await this.prisma.namespace.create({ data: namespace }));
    } catch (error) {
      if (isUniqueViolation(error)) throw namespaceAlreadyExists(namespace.name);
      throw error;
    }
  }

  async update(
    name: string,
    plan: (current: NamespaceRecord) => NamespaceChange,
  ): Promise<NamespaceRecord | undefined> {
    return this.prisma.$transaction(async (transaction) => {
      const [locked] = await transaction.$queryRaw<{ id: string }[]>`
        SELECT id FROM namespaces WHERE name = ${name} AND deleted_at IS NULL FOR UPDATE`;
      if (!locked) return undefined;
      const current = toRecord(await transaction.namespace.findUniqueOrThrow({ where: { id: locked.id } }));
      const change = plan(current);
      if (Object.keys(change).length === 0) return current;
      return toRecord(await transaction.namespace.update({ where: { id: locked.id }, data: change }));
    });
  }
}
