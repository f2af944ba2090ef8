import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.ts';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** The database file is held by another process (DuckDB lets one process open a file for writing). */
export class DatabaseLockedError extends InputError {
  constructor(
    readonly path: string,
    readonly pid: number | null,
  ) {
    const holder = pid === null ? 'another process' : `another process (PID ${pid})`;
    const hup = pid === null ? '`kill -HUP <pid of caseload serve>`' : `\`kill -HUP ${pid}\``;
    super(
      `database ${path} is locked: it is open in ${holder}, probably \`caseload serve\`. ` +
        `To rebuild the marts of a running server, use "Rebuild marts" on its Admin page or ${hup}; to ingest or change users, stop the server first.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/**
 * A DuckDB database file and one connection to it. Every query takes bound parameters;
 * SQL text is never assembled from caller input. `connect()` opens further connections to
 * the same file (each with its own transactions and temporary tables), closed with it.
 */
export class Database {
  private readonly children = new Set<Database>();
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly parent: Database | null = null,
  ) {}

  /** Opens (creating if needed) the database file at `path`; `:memory:` for an in-memory database. A new file is made owner-only (0600): it holds PHI. Throws DatabaseLockedError when another process holds the file. */
  static async open(path: string, options: Record<string, string> = {}): Promise<Database> {
    const isNew = path !== ':memory:' && !existsSync(path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options);
    } catch (error) {
      const message = String((error as Error)?.message ?? error);
      if (/Could not set lock on file/i.test(message)) {
        const pid = /\(PID (\d+)\)/.exec(message)?.[1];
        throw new DatabaseLockedError(path, pid ? Number(pid) : null);
      }
      throw error;
    }
    if (isNew && existsSync(path) && process.platform !== 'win32') chmodSync(path, 0o600);
    const connection = await instance.connect();
    return new Database(path, instance, connection);
  }

  /** Another connection to the same database: its own transactions and TEMP tables; closed by its own close() or the opener's. */
  async connect(): Promise<Database> {
    const root = this.parent ?? this;
    const child = new Database(root.path, root.instance, await root.instance.connect(), root);
    root.children.add(child);
    return child;
  }

  /** Resolves once every query started on this connection so far has finished (successfully or not). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const done = () => this.pending.delete(work);
    work.then(done, done);
    return work;
  }

  /** Runs a statement and discards its result. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.track(this.connection.run(sql, params));
  }

  /** Runs a query and returns its rows as plain JS objects (BIGINT as number when safe, DATE as `YYYY-MM-DD`). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.track(this.connection.runAndReadAll(sql, params));
    const names = reader.columnNames();
    const isDate = reader.columnTypes().map((t) => t.typeId === DuckDBTypeId.DATE);
    return reader.getRowsJS().map((values) => {
      const row: Row = {};
      values.forEach((value, i) => (row[names[i]] = toPlain(value, isDate[i])));
      return row as T;
    });
  }

  /** Runs a query and returns its first row, or undefined. */
  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Runs `work` inside one transaction: it commits when `work` resolves and rolls back when it throws. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.run('ROLLBACK');
      throw error;
    }
  }

  /**
   * Waits until no query runs on this database's connections, then closes them and the
   * instance: closing the instance under a running query can crash the process.
   */
  async closeWhenSettled(): Promise<void> {
    const root = this.parent ?? this;
    while ([root, ...root.children].some((c) => c.pending.size > 0)) {
      await Promise.all([root, ...root.children].map((c) => c.settled()));
    }
    this.close();
  }

  /** Closes this connection; for the database as opened, also every connection from `connect()` and the instance, flushing the file. */
  close(): void {
    if (this.parent) {
      this.parent.children.delete(this);
      this.connection.closeSync();
      return;
    }
    for (const child of this.children) child.connection.closeSync();
    this.children.clear();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toPlain(value: unknown, isDate: boolean): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return isDate ? value.toISOString().slice(0, 10) : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toPlain(v, false));
  return value;
}
