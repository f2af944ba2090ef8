/** `caseload serve`: serve the dashboard and API for a built database, signed in (server/auth). */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';
import { configFromEnv } from '../auth/config.ts';
import { createSecureApp, type SecureApp } from '../auth/secureApp.ts';
import { loadOrCreateSecret, secretPathFor, tightenPermissions } from '../auth/secret.ts';
import { countUsers } from '../auth/users.ts';

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
  const db = await Database.open(opts.db);
  const built = await db.one(`SELECT 1 AS ok FROM information_schema.tables WHERE table_name = 'build_info'`);
  if (!built) {
    db.close();
    throw new UsageError(`database ${opts.db} has not been built; run \`caseload build --db ${opts.db}\` first`);
  }
  if (!existsSync(clientDistDir)) process.stderr.write('caseload: the client is not built (dist/client); serving the API only. `npm start` builds it.\n');
  const secure = await secureServer(db, opts.db);
  if ((await countUsers(db)) === 0) printFirstAdminHelp(opts.db);
  return listen(secure.app, opts, () => {
    secure.close();
    db.close();
  });
}

/** Files created from here on are owner-only; the database file and secret are tightened to 0600; returns the secured app. */
export async function secureServer(db: Database, dbPath: string): Promise<SecureApp> {
  process.umask(0o077);
  for (const file of [dbPath, `${dbPath}.wal`]) {
    if (tightenPermissions(file)) process.stderr.write(`caseload: ${file} was readable by other users; its mode is now 0600.\n`);
  }
  const secret = loadOrCreateSecret(secretPathFor(dbPath));
  return createSecureApp(db, { secret, config: configFromEnv(), clientDir: clientDistDir });
}

/** How to create the first admin, for a database without users. */
export function printFirstAdminHelp(dbPath: string): void {
  say('No users yet: nobody can sign in. To create the first administrator, stop this server (Ctrl-C) and run');
  say(`  npx caseload user add --db ${dbPath} --role admin YOUR-NAME`);
  say('(it asks for the password), then start the server again.');
}

/** Starts listening and prints the URL; closes the database on SIGINT/SIGTERM. */
export function listen(app: Express, opts: { port: number; host: string }, onClose: () => void): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(opts.port, opts.host, (error?: Error) => {
      if (error) return reject(error);
      const { port } = server.address() as AddressInfo;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      process.stdout.write(`Caseload is running at http://${host}:${port}/\n`);
      resolve(server);
    });
    const stop = () => server.close(() => {
      onClose();
      process.exit(0);
    });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
