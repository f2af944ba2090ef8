/**
 * The pipeline runner: discovery and dependency order of sql/, one transaction per
 * build (a failed build leaves the previous marts intact), the build log.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { buildDatabase, lastReaders, unpublishedPrefix } from '../../server/pipeline/build.ts';
import { defaultSqlDir, layers, loadMacros, loadRelations, type SqlRelation } from '../../server/pipeline/sqlFiles.ts';
import { writeCsvFolder } from '../measures/fixture.ts';
import { eligibility, inpatient } from '../measures/rows.ts';

describe('sql/ discovery and order', () => {
  const relations = loadRelations();

  it('finds every layer and orders each relation after what it reads', () => {
    expect(new Set(relations.map((r) => r.layer))).toEqual(new Set(layers));
    const position = new Map(relations.map((r, i) => [r.name, i]));
    for (const rel of relations) {
      for (const dep of rel.dependsOn) expect(position.get(dep)!, `${rel.name} reads ${dep}`).toBeLessThan(position.get(rel.name)!);
    }
    // Layers never interleave.
    const layerIndex = relations.map((r) => layers.indexOf(r.layer));
    expect([...layerIndex].sort((a, b) => a - b)).toEqual(layerIndex);
  });

  it('every file is one SELECT that starts with a header comment', () => {
    for (const rel of relations) {
      const text = readFileSync(rel.file, 'utf8');
      expect(text.startsWith(`-- ${rel.name}`), rel.file).toBe(true);
      expect(text.replace(/--[^\n]*\n/g, '').trim(), rel.file).toMatch(/^(WITH|SELECT)\b/i);
      expect(text.trim().endsWith(';'), rel.file).toBe(false);
    }
  });

  it('rejects a cycle and a reference to a later layer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-sql-'));
    try {
      mkdirSync(join(dir, 'core'));
      writeFileSync(join(dir, 'core', 'a_one.sql'), 'SELECT * FROM a_two');
      writeFileSync(join(dir, 'core', 'a_two.sql'), 'SELECT * FROM a_one');
      expect(() => loadRelations(dir)).toThrow(/circular/);
      rmSync(join(dir, 'core', 'a_two.sql'));
      mkdirSync(join(dir, 'marts'));
      writeFileSync(join(dir, 'marts', 'a_two.sql'), 'SELECT 1 AS x');
      expect(() => loadRelations(dir)).toThrow(/later layer/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('macros', () => {
  it('reads each sql/macros file as one CREATE MACRO named after the file', () => {
    expect(loadMacros().map((m) => m.name)).toEqual(['is_icd10_cm', 'is_icd10_pcs']);
    expect(loadMacros()[0].definition).toMatch(/^\(code_type\) AS\s/);
    const dir = mkdtempSync(join(tmpdir(), 'caseload-sql-'));
    try {
      mkdirSync(join(dir, 'macros'));
      writeFileSync(join(dir, 'macros', 'twice.sql'), '-- twice(x)\nCREATE MACRO twice(x) AS 2 * x;\n');
      expect(loadMacros(dir)).toEqual([{ name: 'twice', file: join(dir, 'macros', 'twice.sql'), definition: '(x) AS 2 * x' }]);
      writeFileSync(join(dir, 'macros', 'twice.sql'), 'CREATE MACRO double(x) AS 2 * x');
      expect(() => loadMacros(dir)).toThrow(/CREATE MACRO twice/);
      writeFileSync(join(dir, 'macros', 'twice.sql'), 'SELECT 2');
      expect(() => loadMacros(dir)).toThrow(/CREATE MACRO twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('materialization', () => {
  it('declares pass-through relations as views; a published view reads only published relations', () => {
    const relations = loadRelations();
    const views = relations.filter((r) => r.materialized === 'view').map((r) => r.name);
    expect(views).toEqual(expect.arrayContaining(['stg_claim_line', 'core_claim', 'stg_medical_claim_line_tuple', 'mart_member_month']));
    expect(relations.filter((r) => r.published).map((r) => r.name)).toEqual(
      expect.arrayContaining(['build_info', 'core_member_month', ...relations.filter((r) => r.layer === 'marts').map((r) => r.name)]),
    );
    expect(relations.filter((r) => r.published && r.layer === 'core').map((r) => r.name)).toEqual(['core_member_month']);
    const dir = mkdtempSync(join(tmpdir(), 'caseload-sql-'));
    try {
      mkdirSync(join(dir, 'core'));
      mkdirSync(join(dir, 'marts'));
      writeFileSync(join(dir, 'core', 'core_x.sql'), '-- core_x\nSELECT 1 AS x');
      writeFileSync(join(dir, 'marts', 'mart_x.sql'), '-- mart_x\n-- materialized: view\nSELECT x FROM core_x');
      expect(() => loadRelations(dir)).toThrow(/mart_x is a published view of core_x, which is not published/);
      writeFileSync(join(dir, 'core', 'core_x.sql'), '-- core_x\n-- published: true\nSELECT 1 AS x');
      expect(loadRelations(dir).map((r) => [r.name, r.materialized, r.published])).toEqual([['core_x', 'table', true], ['mart_x', 'view', true]]);
      writeFileSync(join(dir, 'marts', 'mart_x.sql'), '-- mart_x\n-- published: false\nSELECT x FROM core_x');
      expect(() => loadRelations(dir)).toThrow(/always published/);
      writeFileSync(join(dir, 'marts', 'mart_x.sql'), '-- mart_x\n-- published: yes\nSELECT x FROM core_x');
      expect(() => loadRelations(dir)).toThrow(/published must be true or false, not yes/);
      writeFileSync(join(dir, 'marts', 'mart_x.sql'), '-- mart_x\n-- materialized: ephemeral\nSELECT 1 AS x');
      expect(() => loadRelations(dir)).toThrow(/table or view/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('lastReaders', () => {
  const rel = (name: string, dependsOn: string[], materialized: 'table' | 'view' = 'table'): SqlRelation =>
    ({ name, layer: 'core', file: `${name}.sql`, sql: '', dependsOn, materialized, published: false }) as SqlRelation;

  it('keeps a table until the last relation reading it, directly or through a view, is built', () => {
    // a ← v (view) ← c, and b reads a directly; d reads b. Reading v at position 3 reads a.
    const order = [rel('a', []), rel('v', ['a'], 'view'), rel('b', ['a']), rel('c', ['v']), rel('d', ['b'])];
    const last = lastReaders(order);
    expect(Object.fromEntries(last)).toEqual({ a: 3, v: 3, b: 4 });
    expect(last.has('c')).toBe(false);
  });
});

describe('buildDatabase', () => {
  let dir: string;
  let db: Database;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caseload-runner-'));
    writeCsvFolder(join(dir, 'extracts'), {
      eligibility: [eligibility('A', '2024-01-01', '2024-12-31')],
      medical_claim: [inpatient({ claim_id: 'A1', person_id: 'A', from: '2024-02-01', to: '2024-02-05' })],
    });
    db = await Database.open(join(dir, 'caseload.duckdb'));
    await ingestDirectory(db, { dir: join(dir, 'extracts') });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs each relation with rows and time, and defaults data_through to the latest claim end', async () => {
    const lines: string[] = [];
    const summary = await buildDatabase(db, { log: (l) => lines.push(l) });
    expect(summary.dataThrough).toBe('2024-02-05');
    const built = summary.relations.filter((r) => r.layer !== 'reference');
    expect(built.length).toBe(loadRelations().length);
    expect(lines.some((l) => /^marts\/mart_episode\s+1 rows\s+\d+\.\d\d s$/.test(l))).toBe(true);
    expect(await db.all(`SELECT data_through FROM build_info`)).toEqual([{ data_through: '2024-02-05' }]);
  });

  it('a failing build rolls back: the previous marts and build_info stay, nothing new appears', async () => {
    await buildDatabase(db, { dataThrough: '2024-12-31' });
    const before = await db.all(`SELECT data_through, built_at FROM build_info`);
    const sqlDir = join(dir, 'sql');
    cpSync(defaultSqlDir, sqlDir, { recursive: true });
    writeFileSync(join(sqlDir, 'marts', 'mart_aa_new.sql'), '-- mart_aa_new: test\nSELECT 1 AS x');
    writeFileSync(join(sqlDir, 'marts', 'mart_zz_broken.sql'), '-- mart_zz_broken: test\nSELECT * FROM no_such_table');
    // This build would change data_through and rebuild every mart before failing.
    await expect(buildDatabase(db, { dataThrough: '2024-06-30', sqlDir })).rejects.toThrow(/mart_zz_broken/);
    expect(await db.all(`SELECT data_through, built_at FROM build_info`)).toEqual(before);
    expect(await db.all(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'mart_aa_new'`)).toEqual([{ n: 0 }]);
    expect(await db.all(`SELECT count(*)::INTEGER AS n FROM mart_episode`)).toEqual([{ n: 1 }]);
    // The marts it built before failing are dropped, not left beside the published ones.
    expect(await db.all(`SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE starts_with(table_name, '${unpublishedPrefix}')`)).toEqual([{ n: 0 }]);
  });

  it('stores only the marts, build_info and ref_* unless asked to keep the intermediate relations', async () => {
    const stored = async () =>
      (await db.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'main'`))
        .map((r) => r.name)
        .filter((n) => !/^(raw_|ingest_)/.test(n));
    const macros = async () =>
      (await db.all<{ name: string; database: string }>(`SELECT function_name AS name, database_name AS database FROM duckdb_functions() WHERE function_name LIKE 'is_icd10%' ORDER BY 1`));
    await buildDatabase(db);
    // The build's macros are temporary: none is left behind.
    expect(await macros()).toEqual([]);
    await buildDatabase(db, { keepIntermediate: true });
    expect(await stored()).toEqual(expect.arrayContaining(['core_stay', 'stg_claim_header', 'ref_acute_diagnosis_ccs', 'mart_episode']));
    // Stored views of the intermediates call the macros, so those are stored with them.
    const kept = await macros();
    expect(kept.map((m) => m.name)).toEqual(['is_icd10_cm', 'is_icd10_pcs']);
    expect(kept.every((m) => m.database !== 'temp')).toBe(true);
    await expect(db.all(`SELECT count(*) AS n FROM stg_claim_diagnosis`)).resolves.toHaveLength(1);
    await buildDatabase(db);
    const names = await stored();
    const published = new Set(['build_info', 'core_member_month']);
    expect(names.every((n) => published.has(n) || n.startsWith('mart_') || n.startsWith('ref_')), names.join(', ')).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['mart_patient', 'mart_member_month', 'core_member_month', 'ref_ccm_tcm_codes']));
    // The member-month marts are views of the published core_member_month, split at data_through.
    const split = await db.one<{ all: number; through: number; after: number }>(
      `SELECT (SELECT count(*) FROM core_member_month)::INTEGER AS all, (SELECT count(*) FROM mart_member_month)::INTEGER AS through,
              (SELECT count(*) FROM mart_member_month_after_data_through)::INTEGER AS after`,
    );
    expect(split!.through).toBeGreaterThan(0);
    expect(split!.through + split!.after).toBe(split!.all);
  });
});
