/**
 * The serving machinery on its own, with a real DuckDB instance: the connection pool's
 * one-snapshot transactions, its size and turn-taking, the per-build answer cache, and the
 * rebuilder's states. (rebuild.test.ts covers the same over HTTP under load.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { ConnectionPool } from '../../server/api/pool.ts';
import { buildGeneration, BuildGeneration } from '../../server/api/generation.ts';
import { ResponseCache, responseKey, type CachedAnswer } from '../../server/api/responseCache.ts';
import { MartRebuilder, RebuildRunningError } from '../../server/api/rebuild.ts';

let db: Database;
beforeEach(async () => {
  db = await Database.open(':memory:');
  await db.run('CREATE TABLE mart AS SELECT 1 AS build, 10 AS value');
  await db.run('CREATE TABLE info AS SELECT 1 AS build');
});
afterEach(() => db.close());

/** Replaces both tables in one transaction on its own connection, as a rebuild does. */
async function commitBuild(n: number): Promise<void> {
  const writer = await db.connect();
  await writer.transaction(async () => {
    await writer.run(`CREATE OR REPLACE TABLE mart AS SELECT ${n} AS build, ${n * 10} AS value`);
    await writer.run(`CREATE OR REPLACE TABLE info AS SELECT ${n} AS build`);
  });
  writer.close();
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('ConnectionPool', () => {
  it('runs all of a read in one snapshot, even when a build commits half-way', async () => {
    const pool = new ConnectionPool(db, 2);
    const seen = await pool.read(async (conn) => {
      const first = await conn.one<{ build: number }>('SELECT build FROM info');
      await commitBuild(2);
      const second = await conn.one<{ build: number; value: number }>('SELECT build, value FROM mart');
      return [first!.build, second!.build, second!.value];
    });
    expect(seen).toEqual([1, 1, 10]);
    expect(await pool.read((conn) => conn.one('SELECT build, value FROM mart'))).toEqual({ build: 2, value: 20 });
    pool.close();
  });

  it('opens at most `size` connections and queues the rest', async () => {
    const pool = new ConnectionPool(db, 3);
    let active = 0;
    let peak = 0;
    const gate = deferred();
    const reads = Array.from({ length: 10 }, () =>
      pool.read(async (conn) => {
        active++;
        peak = Math.max(peak, active);
        await gate.promise;
        await conn.one('SELECT 1');
        active--;
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(active).toBe(3);
    gate.resolve();
    await Promise.all(reads);
    expect(peak).toBe(3);
    pool.close();
  });

  it('rolls back a failed read and keeps serving on the same connections', async () => {
    const pool = new ConnectionPool(db, 1);
    await expect(pool.read(async (conn) => conn.one('SELECT * FROM no_such_table'))).rejects.toThrow(/no_such_table/);
    await expect(pool.read(async (conn) => conn.one('SELECT build FROM mart'))).resolves.toEqual({ build: 1 });
    pool.close();
  });

  it('takes writes one at a time, each statement committed', async () => {
    const pool = new ConnectionPool(db, 4);
    await db.run('CREATE TABLE log (n INTEGER)');
    const order: string[] = [];
    const gate = deferred();
    const first = pool.write(async (conn) => {
      order.push('first start');
      await conn.run('INSERT INTO log VALUES (1)');
      await gate.promise;
      order.push('first end');
    });
    const second = pool.write(async (conn) => {
      order.push('second start');
      await conn.run('INSERT INTO log VALUES (2)');
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(await db.all('SELECT n FROM log')).toEqual([{ n: 1 }]);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first start', 'first end', 'second start']);
    pool.close();
  });
});

describe('ResponseCache', () => {
  const text = async (answer: Promise<CachedAnswer>) => String((await answer).body);

  it('serves an answer only under the generation it was made in, and forgets everything at a rebuild', async () => {
    const generation = new BuildGeneration();
    const cache = new ResponseCache(generation);
    let computed = 0;
    const compute = (text: string) => async () => {
      computed++;
      return Buffer.from(text);
    };
    expect(await text(cache.get(0, 'k', compute('old')))).toBe('old');
    expect(await text(cache.get(0, 'k', compute('other')))).toBe('old');
    expect(computed).toBe(1);
    generation.advance();
    expect(cache.stats().entries).toBe(0);
    expect(await text(cache.get(0, 'k', compute('stale read')))).toBe('stale read');
    expect(cache.stats().entries).toBe(0);
    expect(await text(cache.get(1, 'k', compute('new')))).toBe('new');
    expect(await text(cache.get(1, 'k', compute('again')))).toBe('new');
    cache.close();
  });

  it('does not keep an answer whose generation ended while it was computed, and shares concurrent misses', async () => {
    const generation = new BuildGeneration();
    const cache = new ResponseCache(generation);
    const gate = deferred();
    let computed = 0;
    const slow = async () => {
      computed++;
      await gate.promise;
      return Buffer.from('made under 0');
    };
    const a = cache.get(0, 'k', slow);
    const b = cache.get(0, 'k', slow);
    generation.advance();
    gate.resolve();
    expect([await text(a), await text(b)]).toEqual(['made under 0', 'made under 0']);
    expect(computed).toBe(1);
    expect(cache.stats().entries).toBe(0);
    expect(await text(cache.get(1, 'k', async () => Buffer.from('made under 1')))).toBe('made under 1');
    cache.close();
  });

  it('keys by route, parameters in any order and the suppression applied', () => {
    expect(responseKey('/a', {}, { x: '1', y: 2 }, null)).toBe(responseKey('/a', {}, { y: 2, x: '1' }, null));
    expect(responseKey('/a', {}, { x: '1' }, null)).not.toBe(responseKey('/a', {}, { x: '1' }, { threshold: 11 }));
    expect(responseKey('/a', {}, { x: '1' }, { threshold: 11 })).not.toBe(responseKey('/a', {}, { x: '1' }, { threshold: 5 }));
    expect(responseKey('/a', {}, { x: '1' }, null)).not.toBe(responseKey('/b', {}, { x: '1' }, null));
  });
});

describe('MartRebuilder', () => {
  it('advances the generation only after a build succeeds, one build at a time', async () => {
    const gate = deferred();
    const rebuilder = new MartRebuilder(db, {
      runner: async (conn, options) => {
        await gate.promise;
        await conn.transaction(async () => conn.run('CREATE OR REPLACE TABLE mart AS SELECT 2 AS build, 20 AS value'));
        return { dataThrough: options.dataThrough ?? '2024-12-31' };
      },
    });
    const generation = buildGeneration(db).current;
    expect(rebuilder.status()).toMatchObject({ state: 'idle', generation });
    expect(rebuilder.start({ dataThrough: '2024-11-30', requestedBy: 'ann' })).toMatchObject({ state: 'running', dataThrough: '2024-11-30', requestedBy: 'ann' });
    expect(() => rebuilder.start({ requestedBy: 'bob' })).toThrow(RebuildRunningError);
    expect(buildGeneration(db).current).toBe(generation);
    gate.resolve();
    const done = await rebuilder.finished();
    expect(done).toMatchObject({ state: 'succeeded', builtThrough: '2024-11-30', error: null, generation: generation + 1 });
    expect(await db.one('SELECT build FROM mart')).toEqual({ build: 2 });
  });

  it('reports a failed build without the values its message quotes, and keeps the generation', async () => {
    const rebuilder = new MartRebuilder(db, {
      runner: async () => {
        throw new Error(`build failed in sql/marts/mart_x.sql: Could not convert string 'Jane Doe' to INT32`);
      },
    });
    const generation = buildGeneration(db).current;
    rebuilder.start({ requestedBy: null });
    const done = await rebuilder.finished();
    expect(done).toMatchObject({ state: 'failed', generation });
    expect(done.error).toContain('mart_x.sql');
    expect(done.error).not.toContain('Jane');
    expect(rebuilder.start({ requestedBy: null }).state).toBe('running');
    await rebuilder.close();
  });
});
