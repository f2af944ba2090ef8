/**
 * A small pool of DuckDB connections to the served database, so requests run side by side
 * instead of queueing on one connection. A reading request runs all its queries on one
 * leased connection inside one transaction, so they read one snapshot: the marts of one
 * build, even while a rebuild commits. Requests that change data (POST, DELETE) take turns
 * on the pool without a transaction, each statement committing at once as before.
 */
import type { Database } from '../engine/db.ts';

/** Connections per served database unless configured (CASELOAD_DB_CONNECTIONS for `serve`). */
export const DEFAULT_POOL_SIZE = 4;

interface Waiter {
  resolve: (db: Database) => void;
  reject: (error: Error) => void;
}

export class ConnectionPool {
  private readonly idle: Database[] = [];
  private readonly waiting: Waiter[] = [];
  private open = 0;
  private closed = false;
  private writeTurn: Promise<unknown> = Promise.resolve();

  /** Connections are opened on demand from `root` (another connection of the same instance), at most `size`. */
  constructor(
    private readonly root: Database,
    readonly size: number = DEFAULT_POOL_SIZE,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a connection pool needs at least one connection, not ${size}`);
  }

  /** Runs `work` on one connection inside one transaction (one snapshot of the database): commits when it resolves, rolls back when it throws. */
  async read<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const db = await this.lease();
    let healthy = false;
    try {
      await db.run('BEGIN TRANSACTION');
      let result: T;
      try {
        result = await work(db);
      } catch (error) {
        await db.settled();
        healthy = await db.run('ROLLBACK').then(() => true, () => false);
        throw error;
      }
      await db.settled();
      await db.run('COMMIT');
      healthy = true;
      return result;
    } finally {
      this.release(db, healthy);
    }
  }

  /** Runs `work` on one connection without a transaction (each statement commits), one call at a time: for requests that change data. */
  write<T>(work: (db: Database) => Promise<T>): Promise<T> {
    const turn = this.writeTurn.then(async () => {
      const db = await this.lease();
      try {
        return await work(db);
      } finally {
        await db.settled();
        this.release(db, true);
      }
    });
    this.writeTurn = turn.catch(() => undefined);
    return turn;
  }

  /** Stops leasing and closes the idle connections (leased ones close when returned). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the connection pool is closed'));
    for (const db of this.idle.splice(0)) db.close();
  }

  private async lease(): Promise<Database> {
    if (this.closed) throw new Error('the connection pool is closed');
    const free = this.idle.pop();
    if (free) return free;
    if (this.open < this.size) {
      this.open++;
      try {
        return await this.root.connect();
      } catch (error) {
        this.open--;
        throw error;
      }
    }
    return new Promise<Database>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Returns a connection; one whose transaction could not be ended is closed and replaced on demand. */
  private release(db: Database, healthy: boolean): void {
    if (!healthy || this.closed) {
      this.open--;
      db.close();
      const next = this.waiting.shift();
      if (next) this.lease().then(next.resolve, next.reject);
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(db);
    else this.idle.push(db);
  }
}
