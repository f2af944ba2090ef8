/** DuckDB settings for the heavy commands: a bounded memory share, overridable, and insertion order only where needed. */
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { defaultMemoryShare, engineSettings } from '../../server/engine/settings.ts';

describe('engineSettings', () => {
  it('limits DuckDB to a share of physical memory unless CASELOAD_MEMORY_LIMIT says otherwise', () => {
    const settings = engineSettings({ keepInsertionOrder: true }, {});
    expect(settings.memory_limit).toBe(`${Math.floor((totalmem() * defaultMemoryShare) / 2 ** 20)}MiB`);
    expect(settings.threads).toBeUndefined();
    expect(engineSettings({ keepInsertionOrder: true }, { CASELOAD_MEMORY_LIMIT: '12GB', CASELOAD_THREADS: '3' })).toMatchObject({ memory_limit: '12GB', threads: '3' });
  });

  it('keeps insertion order for ingest and serve, not for the build', () => {
    expect(engineSettings({ keepInsertionOrder: true }, {}).preserve_insertion_order).toBe('true');
    expect(engineSettings({ keepInsertionOrder: false }, {}).preserve_insertion_order).toBe('false');
  });

  it('are accepted by DuckDB as they are', async () => {
    const db = await Database.open(':memory:', engineSettings({ keepInsertionOrder: false }, { CASELOAD_MEMORY_LIMIT: '512MiB', CASELOAD_THREADS: '1' }));
    try {
      const rows = await db.all<{ name: string; value: string }>(
        `SELECT name, value FROM duckdb_settings() WHERE name IN ('memory_limit', 'threads', 'preserve_insertion_order') ORDER BY name`,
      );
      expect(rows).toEqual([
        { name: 'memory_limit', value: '512.0 MiB' },
        { name: 'preserve_insertion_order', value: 'false' },
        { name: 'threads', value: '1' },
      ]);
    } finally {
      db.close();
    }
  });
});
