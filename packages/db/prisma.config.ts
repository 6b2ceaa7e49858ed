// Prisma 7 reads its settings from this file (the schema no longer holds the connection URL).
// Only `prisma generate` is used through the Prisma CLI here: migrations go through our own
// tool (src/migrate/), which drives Prisma's Wasm schema engine and needs no native binary.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Optional: generation needs no database. Set for Prisma CLI commands that do (e.g. `prisma studio`).
  datasource: { url: process.env.DATABASE_URL },
});
