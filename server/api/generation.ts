/**
 * Which build of the marts a running server is serving: a number, bumped only after a
 * rebuild has committed. Caches of answers remember the number they were made under and
 * serve an answer only while that number is current. A request reads the number before
 * its transaction takes its snapshot, so an answer is never filed under a newer number
 * than the build it read (DuckDB takes the snapshot at the transaction's first query).
 */
import type { DuckDBInstance } from '@duckdb/node-api';
import type { Database } from '../engine/db.ts';

export class BuildGeneration {
  private value = 0;
  private readonly listeners = new Set<(generation: number) => void>();

  /** The generation being served now. */
  get current(): number {
    return this.value;
  }

  /** Moves to the next generation (call after the rebuild committed) and tells every listener; returns the new number. */
  advance(): number {
    this.value++;
    for (const listener of this.listeners) listener(this.value);
    return this.value;
  }

  /** Calls `listener` after every advance; returns a function that stops it. */
  onAdvance(listener: (generation: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const generations = new WeakMap<DuckDBInstance, BuildGeneration>();

/** The generation counter of a database file, shared by all its connections. */
export function buildGeneration(db: Database): BuildGeneration {
  let generation = generations.get(db.instance);
  if (!generation) generations.set(db.instance, (generation = new BuildGeneration()));
  return generation;
}

/**
 * A value per database file that is made anew for each build generation (e.g. a cache map):
 * `valueFor(db)` returns the current generation's, dropping the previous one.
 */
export function perGeneration<T>(make: () => T): (db: Database) => T {
  const values = new WeakMap<DuckDBInstance, { generation: number; value: T }>();
  return (db) => {
    const generation = buildGeneration(db).current;
    let entry = values.get(db.instance);
    if (!entry || entry.generation !== generation) values.set(db.instance, (entry = { generation, value: make() }));
    return entry.value;
  };
}
