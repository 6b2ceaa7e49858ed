import { fileURLToPath } from 'node:url';

/**
 * Where this package keeps its Prisma files. Shared by prisma.config.ts (the Prisma CLI, used for
 * `prisma generate`) and our own migrate tool, so both always read the same schema and migrations.
 */
export const prismaPaths = {
  packageRoot: fileURLToPath(new URL('..', import.meta.url)),
  schema: fileURLToPath(new URL('../prisma/schema.prisma', import.meta.url)),
  migrations: fileURLToPath(new URL('../prisma/migrations', import.meta.url)),
  generatedClient: fileURLToPath(new URL('./generated/prisma', import.meta.url)),
};
