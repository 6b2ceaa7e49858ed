import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export interface PrismaClientOptions {
  /** Upper bound of the connection pool (pg's default is 10). */
  maxConnections?: number;
}

/**
 * A Prisma client over node-postgres (`@prisma/adapter-pg`): Prisma 7 runs queries through a driver
 * adapter and its Wasm query compiler, so no native engine is involved. Call `$disconnect()` when done.
 */
export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections });
  return new PrismaClient({ adapter });
}
