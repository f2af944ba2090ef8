/** `caseload serve`: serve the dashboard and API for a built database. */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';
import { createApp } from './app.ts';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const clientDistDir = fileURLToPath(new URL('../../dist/client/', import.meta.url));

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
}

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
  return listen(createApp(db, { clientDir: clientDistDir }), opts, () => db.close());
}

/** Starts listening and prints the URL; closes the database on SIGINT/SIGTERM. */
export function listen(app: ReturnType<typeof createApp>, opts: { port: number; host: string }, onClose: () => void): Promise<Server> {
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
