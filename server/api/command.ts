/**
 * `caseload serve`: serve the dashboard and API for a built database, signed in
 * (server/auth). SIGHUP rebuilds the marts while serving (like "Rebuild marts" on the Admin
 * page); SIGINT/SIGTERM stop the server (a running rebuild is rolled back).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { Database } from '../engine/db.ts';
import { engineSettings } from '../engine/settings.ts';
import { finishBatches } from '../ingest/finish.ts';
import { UsageError } from '../errors.ts';
import { configFromEnv } from '../auth/config.ts';
import { createSecureApp, type SecureApp } from '../auth/secureApp.ts';
import { loadOrCreateSecret, secretPathFor, tightenPermissions } from '../auth/secret.ts';
import { countUsers } from '../auth/users.ts';
import { DEFAULT_POOL_SIZE } from './pool.ts';
import { RebuildRunningError } from './rebuild.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const clientDistDir = fileURLToPath(new URL('../../dist/client/', import.meta.url));

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Opens a built database and listens on host:port until the process ends; resolves with the server once listening. */
export async function runServe(opts: ServeOptions): Promise<Server> {
  if (!existsSync(opts.db)) throw new UsageError(`database file ${opts.db} does not exist; run \`caseload ingest\` and \`caseload build\` first`);
  const db = await Database.open(opts.db, engineSettings({ keepInsertionOrder: true }));
  const built = await db.one(`SELECT 1 AS ok FROM information_schema.tables WHERE table_name = 'build_info'`);
  if (!built) {
    db.close();
    throw new UsageError(`database ${opts.db} has not been built; run \`caseload build --db ${opts.db}\` first`);
  }
  await finishBatches(db);
  if (!existsSync(clientDistDir)) process.stderr.write('caseload: the client is not built (dist/client); serving the API only. `npm start` builds it.\n');
  const secure = await secureServer(db, opts.db);
  if ((await countUsers(db)) === 0) printFirstAdminHelp(opts.db);
  const unwatch = rebuildOnSighup(secure);
  return listen(secure.app, opts, async () => {
    unwatch();
    await secure.close();
    await db.closeWhenSettled();
  });
}

/** Connections serving requests: CASELOAD_DB_CONNECTIONS (1–64), default DEFAULT_POOL_SIZE. */
export function poolSizeFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CASELOAD_DB_CONNECTIONS;
  if (raw == null || raw === '') return DEFAULT_POOL_SIZE;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('CASELOAD_DB_CONNECTIONS must be a whole number from 1 to 64');
  return n;
}

/** On SIGHUP, rebuilds the marts (logged, and audited as a rebuild by "signal:SIGHUP"); returns a function that stops listening. */
export function rebuildOnSighup(secure: SecureApp): () => void {
  const onHup = () => {
    try {
      const status = secure.rebuilder.start({ requestedBy: 'signal:SIGHUP' });
      secure.logger.info({ rebuild: status.state, generation: status.generation }, 'SIGHUP: rebuilding the marts');
      secure.security.audit
        .append({ event: 'rebuild', username: 'signal:SIGHUP', route: 'SIGHUP', status: 202, params: { dataThrough: null } })
        .catch((error: unknown) => secure.logger.error({ err: { message: String((error as Error)?.message ?? error) } }, 'could not write the rebuild to the audit trail'));
    } catch (error) {
      if (error instanceof RebuildRunningError) secure.logger.warn('SIGHUP: a rebuild is already running; ignored');
      else secure.logger.error({ err: { message: String((error as Error)?.message ?? error) } }, 'SIGHUP: could not start a rebuild');
    }
  };
  process.on('SIGHUP', onHup);
  return () => process.off('SIGHUP', onHup);
}

/** Files created from here on are owner-only; the database file and secret are tightened to 0600; returns the secured app. */
export async function secureServer(db: Database, dbPath: string): Promise<SecureApp> {
  process.umask(0o077);
  for (const file of [dbPath, `${dbPath}.wal`]) {
    if (tightenPermissions(file)) process.stderr.write(`caseload: ${file} was readable by other users; its mode is now 0600.\n`);
  }
  const secret = loadOrCreateSecret(secretPathFor(dbPath));
  return createSecureApp(db, { secret, config: configFromEnv(), clientDir: clientDistDir, connections: poolSizeFromEnv() });
}

/** How to create the first admin, for a database without users. */
export function printFirstAdminHelp(dbPath: string): void {
  say('No users yet: nobody can sign in. To create the first administrator, stop this server (Ctrl-C) and run');
  say(`  npx caseload user add --db ${dbPath} --role admin YOUR-NAME`);
  say('(it asks for the password), then start the server again.');
}

/** Starts listening and prints the URL; closes the database on SIGINT/SIGTERM. */
export function listen(app: Express, opts: { port: number; host: string }, onClose: () => void | Promise<void>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(opts.port, opts.host, (error?: Error) => {
      if (error) return reject(error);
      const { port } = server.address() as AddressInfo;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      process.stdout.write(`Caseload is running at http://${host}:${port}/\n`);
      resolve(server);
    });
    const stop = () => {
      server.close(() => {
        Promise.resolve()
          .then(onClose)
          .then(
            () => process.exit(0),
            (error: unknown) => {
              process.stderr.write(`caseload: ${error instanceof Error ? error.message : String(error)}\n`);
              process.exit(1);
            },
          );
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
