import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/**
 * A DuckDB database file with one connection. Every query takes bound parameters;
 * SQL text is never assembled from caller input.
 */
export class Database {
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the database file at `path`; `:memory:` for an in-memory database. A new file is made owner-only (0600): it holds PHI. */
  static async open(path: string, options: Record<string, string> = {}): Promise<Database> {
    const isNew = path !== ':memory:' && !existsSync(path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path, options);
    if (isNew && existsSync(path) && process.platform !== 'win32') chmodSync(path, 0o600);
    const connection = await instance.connect();
    return new Database(path, instance, connection);
  }

  /** Runs a statement and discards its result. */
  async run(sql: string, params?: Params): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Runs a query and returns its rows as plain JS objects (BIGINT as number when safe, DATE as `YYYY-MM-DD`). */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
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

  /** Closes the connection and the instance, flushing the file. */
  close(): void {
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
