import { applyMigrations } from '@kairos/db';
import { createThrowawayDatabase, type ThrowawayDatabase } from '@kairos/db/testing';
import pg from 'pg';
import { PostgresVisibilityStore } from '../src/store/postgres-visibility-store.ts';
import { runVisibilityStoreContract } from '../src/store/visibility-store.contract.ts';

// Real Postgres (infra/postgres/up), a throwaway database with the real migrations.
let database: ThrowawayDatabase | undefined;
let pool: pg.Pool | undefined;

runVisibilityStoreContract('PostgresVisibilityStore on a real Postgres', {
  async createStore() {
    database = await createThrowawayDatabase('visibility_store');
    await applyMigrations(database.url);
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    return new PostgresVisibilityStore({ pool });
  },
  async destroy() {
    await pool?.end();
    await database?.drop();
  },
});
