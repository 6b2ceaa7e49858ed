// @kairos/db: the control-plane schema (Prisma), its migrations, the client, and a local Postgres.
export { createPrismaClient, type PrismaClientOptions } from './client.ts';
export {
  Prisma,
  PrismaClient,
  AccountPlan,
  MembershipRole,
  NamespaceState,
  type Account,
  type ApiKey,
  type AuditLogEntry,
  type Invitation,
  type Membership,
  type Namespace,
  type NamespaceQuota,
  type Session,
  type User,
} from './generated/prisma/client.ts';
export {
  DEFAULT_NAMESPACE_NAME,
  SYSTEM_ACCOUNT_ID,
  SYSTEM_ACCOUNT_NAME,
  ensureDefaultNamespace,
} from './default-namespace.ts';
export {
  applyMigrations,
  type ApplyMigrationsOptions,
  type ApplyMigrationsResult,
} from './migrate/apply-migrations.ts';
export { checkMigrations, type CheckMigrationsResult } from './migrate/check-migrations.ts';
export { MigrationError } from './migrate/schema-engine.ts';
export {
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded-postgres.ts';
export { INFRA_DATABASE_URL, parseDatabaseUrl, redactDatabaseUrl } from './database-url.ts';
export { createDatabasePool } from './database-pool.ts';
