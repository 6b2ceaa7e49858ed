import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { prismaPaths } from '../prisma-paths.ts';
import { MigrationAdapterFactory } from './migration-adapter-factory.ts';

/**
 * Prisma's schema engine (the Rust code behind `prisma migrate`) compiled to Wasm, talking to Postgres
 * through a driver adapter. Same engine, same migration format and `_prisma_migrations` table as the
 * Prisma CLI, but nothing native to download, so it works offline.
 *
 * Version: @prisma/schema-engine-wasm 7.10.0-4.0edf323e, the engines build Prisma 7.10.0 shipped
 * (prisma 7.10.1 bundles engines d1b3f377, which is not published as a package).
 */
type SchemaEngineRuntime = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

/** The slice of the WebAssembly global we use (our tsconfig has no DOM lib, where its types live). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
  RuntimeError: new () => Error;
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let runtime: Promise<SchemaEngineRuntime> | undefined;

/**
 * The package's entry imports the .wasm as an ES module, which Node 20 cannot do; so we instantiate
 * it ourselves, once per process (wasm-bindgen keeps module-level state and breaks if loaded twice).
 */
function loadRuntime(): Promise<SchemaEngineRuntime> {
  runtime ??= (async () => {
    installPanicRegistry();
    const bindings: SchemaEngineRuntime = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm'));
    const bytes = await readFile(path.join(packageDir, 'schema_engine_bg.wasm'));
    const imports = { './schema_engine_bg.js': withTrackedTimers(bindings) };
    const instance = new wasm.Instance(new wasm.Module(bytes), imports);
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return runtime;
}

/**
 * The engine races some steps against timeouts (e.g. 10 s for Prisma's own advisory lock) through
 * JS `setTimeout`, and never clears them: each finished command leaves a timer that keeps Node alive
 * for up to 10 s. While any engine is open its timers stay as they are (a pending sleep must keep the
 * process alive); once the last engine closes, the leftovers are unref'd so the process can exit.
 */
const pendingTimers = new Set<ReturnType<typeof setTimeout>>();
let openEngines = 0;

function withTrackedTimers(bindings: SchemaEngineRuntime): object {
  const name = Object.keys(bindings).find((key) => key.startsWith('__wbg_setTimeout_'));
  if (!name) return bindings;
  const trackedSetTimeout = (callback: () => void, delayMs: number) => {
    const handle = setTimeout(() => {
      pendingTimers.delete(handle);
      callback();
    }, delayMs >>> 0);
    pendingTimers.add(handle);
    if (openEngines === 0) handle.unref();
    return handle;
  };
  return { ...bindings, [name]: trackedSetTimeout };
}

function releaseTimersIfIdle(): void {
  if (openEngines > 0) return;
  for (const handle of pendingTimers) handle.unref();
}

/**
 * On a Rust panic the engine reports the reason through this global before trapping; without it the
 * panic itself turns into an unrelated TypeError. A panic inside an async engine call surfaces as an
 * uncaught `RuntimeError: unreachable` that no promise sees, so we also print the reason when the
 * process is about to die of one (a monitor listener: it observes, it changes nothing).
 */
const panicRegistry = {
  lastMessage: '',
  set_message(message: string) {
    this.lastMessage = message;
  },
};

function installPanicRegistry(): void {
  // The glue code looks it up as `global.PRISMA_WASM_PANIC_REGISTRY`.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY =
    panicRegistry;
  process.on('uncaughtExceptionMonitor', (error) => {
    if (error instanceof wasm.RuntimeError && panicRegistry.lastMessage) {
      console.error(`[schema-engine] Wasm panic: ${panicRegistry.lastMessage}`);
    }
  });
}

export interface SchemaFile {
  path: string;
  content: string;
}

export interface OpenSchemaEngine {
  schemaFiles: SchemaFile[];
  /** Runs one engine command, turning engine and driver failures into readable errors. */
  run<T>(command: string, call: (engine: SchemaEngine) => Promise<T>): Promise<T>;
  /** Frees the engine, ends its connections and drops any shadow database. */
  close(): Promise<void>;
}

/** The schema files the engine reads (one today; Prisma also supports a folder of them). */
export async function readSchemaFiles(): Promise<SchemaFile[]> {
  return [{ path: prismaPaths.schema, content: await readFile(prismaPaths.schema, 'utf8') }];
}

/** Starts a schema engine on `databaseUrl`. Always `close()` it (try/finally). */
export async function openSchemaEngine(databaseUrl: string): Promise<OpenSchemaEngine> {
  const { SchemaEngine: Engine } = await loadRuntime();
  const schemaFiles = await readSchemaFiles();
  const factory = new MigrationAdapterFactory(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  let engine: SchemaEngine;
  openEngines += 1;
  try {
    engine = await Engine.new(
      { datamodels: schemaFiles.map((file) => [file.path, file.content]) },
      logEngineDebug,
      adapter,
    );
  } catch (error) {
    openEngines -= 1;
    releaseTimersIfIdle();
    await factory.close();
    throw toMigrationError(error, adapter.errorRegistry);
  }
  return {
    schemaFiles,
    run: async (command, call) => {
      try {
        // Call through `engine`: a detached method loses its binding to the Wasm object.
        return await call(engine);
      } catch (error) {
        throw toMigrationError(error, adapter.errorRegistry, command);
      }
    },
    close: async () => {
      engine.free();
      openEngines -= 1;
      releaseTimersIfIdle();
      await factory.close();
    },
  };
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

interface ErrorRegistryLike {
  consumeError(id: number): { error: unknown } | undefined;
}

/**
 * Errors come back from the Wasm engine as objects with a Prisma error code (P3005 "database schema
 * is not empty", P3018 "migration failed to apply", …). P2036 means "the driver threw": the original
 * JS error (e.g. pg's "password authentication failed") waits in the adapter's registry under meta.id.
 */
function toMigrationError(error: unknown, registry?: ErrorRegistryLike, command?: string): Error {
  const { code, message, meta } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    meta?: { id?: unknown };
  };
  if (code === 'P2036' && typeof meta?.id === 'number') {
    const fromDriver = registry?.consumeError(meta.id)?.error;
    if (fromDriver instanceof Error) return fromDriver;
  }
  let text = typeof message === 'string' ? message : String(error);
  if (error instanceof wasm.RuntimeError && panicRegistry.lastMessage) {
    // A panic leaves the Wasm instance unusable; this process must not run the engine again.
    text = `engine panicked: ${panicRegistry.lastMessage}`;
  }
  const prefix = command ? `schema engine ${command} failed` : 'schema engine failed';
  return new MigrationError(
    `${prefix}${typeof code === 'string' ? ` (${code})` : ''}: ${text}`,
    typeof code === 'string' ? code : undefined,
    { cause: error },
  );
}

/** The engine reports progress through this callback; shown with KAIROS_MIGRATE_DEBUG=1. */
function logEngineDebug(message: string): void {
  if (process.env.KAIROS_MIGRATE_DEBUG === '1') console.error(`[schema-engine] ${message}`);
}
