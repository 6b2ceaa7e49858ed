import type { Prisma, PrismaClient } from '@kairos/db';

/** The Prisma client or an interactive transaction: repositories take either, so a caller can group writes. */
export type Db = Prisma.TransactionClient;

/** Runs `work` in one transaction (every change and its audit entry commit together or not at all). */
export function inTransaction<T>(prisma: PrismaClient, work: (tx: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(work);
}

/** Prisma's unique-constraint violation (P2002), e.g. two sign-ups racing for one email. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 'P2002'
  );
}
