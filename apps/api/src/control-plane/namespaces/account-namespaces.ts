import type { Namespace, PrismaClient } from '@kairos/db';
import { AlreadyExists, FailedPrecondition, NotFound } from '@kairos/errors';
import type { Actor } from '../actor.ts';
import { writeAuditEntry } from '../audit/audit-log.ts';
import { inTransaction, isUniqueViolation, type Db } from '../db.ts';
import { requireRole } from '../roles.ts';
import type { WorkflowCounts } from './workflow-counts.ts';

export interface NamespaceView {
  id: string;
  name: string;
  description: string;
  retentionDays: number;
  state: 'active';
  createdAt: string;
}

export type NamespaceDetailView = NamespaceView & { openWorkflows: number };

export interface RecentWorkflowView {
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue: string;
  status: string;
  startTime: string;
  closeTime: string | null;
}

function toView(row: Namespace): NamespaceView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    retentionDays: row.retentionDays,
    state: 'active',
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A live namespace of the actor's account by name. Other accounts' and deleted namespaces answer the
 * same NOT_FOUND as names nobody has, so nothing about other tenants leaks.
 */
export async function findAccountNamespace(db: Db, accountId: string, name: string): Promise<Namespace> {
  const row = await db.namespace.findFirst({ where: { name, accountId, deletedAt: null } });
  if (!row) throw new NotFound(`namespace ${name} is not found`);
  return row;
}

export class AccountNamespaces {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly workflows: WorkflowCounts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(actor: Actor): Promise<NamespaceView[]> {
    const rows = await this.prisma.namespace.findMany({
      where: { accountId: actor.accountId, deletedAt: null },
      orderBy: { name: 'asc' },
    });
    return rows.map(toView);
  }

  async get(actor: Actor, name: string): Promise<NamespaceDetailView> {
    const row = await findAccountNamespace(this.prisma, actor.accountId, name);
    const openWorkflows = await this.workflows.countOpenExecutions({ id: row.id, name: row.name });
    return { ...toView(row), openWorkflows };
  }

  async recentWorkflows(actor: Actor, name: string, limit: number): Promise<RecentWorkflowView[]> {
    const row = await findAccountNamespace(this.prisma, actor.accountId, name);
    const runs = await this.workflows.listRecentExecutions({ id: row.id, name: row.name }, { limit });
    return runs.map((run) => ({
      workflowId: run.workflowId,
      runId: run.runId,
      workflowType: run.workflowType,
      taskQueue: run.taskQueue,
      status: run.status,
      startTime: run.startTime.toISOString(),
      closeTime: run.closeTime ? run.closeTime.toISOString() : null,
    }));
  }

  async create(
    actor: Actor,
    input: { name: string; retentionDays: number; description?: string | undefined },
  ): Promise<NamespaceView> {
    requireRole(actor.role, 'admin', 'creating namespaces');
    try {
      return await inTransaction(this.prisma, async (tx) => {
        const row = await tx.namespace.create({
          data: {
            name: input.name,
            accountId: actor.accountId,
            retentionDays: input.retentionDays,
            description: input.description ?? '',
          },
        });
        await writeAuditEntry(tx, actor, {
          action: 'namespace.create',
          targetType: 'namespace',
          targetId: row.id,
          details: { name: row.name, retentionDays: row.retentionDays },
        });
        return toView(row);
      });
    } catch (error) {
      // Names are global (SDKs send only the name), and stay taken after a delete.
      if (isUniqueViolation(error)) throw new AlreadyExists(`namespace name ${input.name} is taken`);
      throw error;
    }
  }

  async update(
    actor: Actor,
    input: { name: string; retentionDays?: number | undefined; description?: string | undefined },
  ): Promise<NamespaceView> {
    requireRole(actor.role, 'admin', 'updating namespaces');
    return inTransaction(this.prisma, async (tx) => {
      const row = await findAccountNamespace(tx, actor.accountId, input.name);
      const changes: Record<string, { from: string | number; to: string | number }> = {};
      if (input.retentionDays !== undefined && input.retentionDays !== row.retentionDays)
        changes.retentionDays = { from: row.retentionDays, to: input.retentionDays };
      if (input.description !== undefined && input.description !== row.description)
        changes.description = { from: row.description, to: input.description };
      if (Object.keys(changes).length === 0) return toView(row);
      const updated = await tx.namespace.update({
        where: { id: row.id },
        data: { retentionDays: input.retentionDays, description: input.description },
      });
      await writeAuditEntry(tx, actor, {
        action: 'namespace.update',
        targetType: 'namespace',
        targetId: row.id,
        details: { name: row.name, changes },
      });
      return toView(updated);
    });
  }

  /** Soft delete: the row stays (name taken, history kept for retention); gRPC then answers NotFound. */
  async delete(actor: Actor, input: { name: string; force?: boolean | undefined }): Promise<void> {
    requireRole(actor.role, 'admin', 'deleting namespaces');
    const row = await findAccountNamespace(this.prisma, actor.accountId, input.name);
    const openWorkflows = await this.workflows.countOpenExecutions({ id: row.id, name: row.name });
    if (openWorkflows > 0 && !input.force)
      throw new FailedPrecondition(`${openWorkflows} open workflows; pass force to delete anyway`);
    await inTransaction(this.prisma, async (tx) => {
      const { count } = await tx.namespace.updateMany({
        where: { id: row.id, deletedAt: null },
        data: { state: 'deleted', deletedAt: this.now() },
      });
      if (count === 0) throw new NotFound(`namespace ${input.name} is not found`);
      await writeAuditEntry(tx, actor, {
        action: 'namespace.delete',
        targetType: 'namespace',
        targetId: row.id,
        details: { name: row.name, openWorkflows, forced: Boolean(input.force) },
      });
    });
  }
}
