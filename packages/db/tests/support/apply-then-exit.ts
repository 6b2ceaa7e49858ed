// Applies migrations to DATABASE_URL and lets the process end on its own (no process.exit), printing
// how long Node kept running after the work was done: anything left referenced (a pool, a timer)
// shows up here as a delay.
import { applyMigrations } from '../../src/migrate/apply-migrations.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
await applyMigrations(databaseUrl);
const doneAt = performance.now();
process.on('exit', () => {
  process.stdout.write(`lingered ${Math.round(performance.now() - doneAt)} ms\n`);
});
