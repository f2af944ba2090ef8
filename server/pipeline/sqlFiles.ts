/**
 * Discovers the pipeline's SQL files (`sql/<layer>/<relation>.sql`) and orders them:
 * layer order first, then references between files inside a layer; and the macros they
 * call (`sql/macros/<name>.sql`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const layers = ['staging', 'core', 'measures', 'marts'] as const;
export type Layer = (typeof layers)[number];

export interface SqlRelation {
  name: string;
  layer: Layer;
  file: string;
  sql: string;
  /** Other pipeline relations this one reads. */
  dependsOn: string[];
  /**
   * How the build stores it: a `table`, or a `view` for relations that only filter,
   * project or union others (declared with a `-- materialized: view` header line, as in
   * dbt), so a million-member build does not copy tens of millions of rows to rename them.
   */
  materialized: 'table' | 'view';
  /**
   * Kept in the database file after the build for readers (docs/marts.md): every mart, and
   * a relation whose header says `-- published: true` (build_info; core_member_month, the
   * table the member-month marts are views of). The rest are dropped once read.
   */
  published: boolean;
}

/** The value of a relation's `-- <key>: <value>` header line, one of `allowed`, or undefined when not declared. */
function headerValue<T extends string>(sql: string, key: string, allowed: readonly T[], where: string): T | undefined {
  const declared = new RegExp(`^--\\s*${key}:\\s*(\\w+)\\b`, 'm').exec(sql)?.[1];
  if (declared !== undefined && !allowed.includes(declared as T)) throw new Error(`${where}: ${key} must be ${allowed.join(' or ')}, not ${declared}`);
  return declared as T | undefined;
}

/** The `-- materialized: table|view` header line of a relation's SQL (default: table). */
function materialization(sql: string, where: string): 'table' | 'view' {
  return headerValue(sql, 'materialized', ['table', 'view'] as const, where) ?? 'table';
}

/** The `-- published: true|false` header line (default: true for a mart, else false). */
function publication(sql: string, where: string, layer: Layer): boolean {
  const declared = headerValue(sql, 'published', ['true', 'false'] as const, where);
  if (declared === 'false' && layer === 'marts') throw new Error(`${where}: a mart is read after the build and is always published`);
  return (declared ?? String(layer === 'marts')) === 'true';
}

/** The repository's `sql/` folder, found from this module's location (never the cwd). */
export const defaultSqlDir = fileURLToPath(new URL('../../sql/', import.meta.url));

const relationName = /^[a-z][a-z0-9_]*$/;

export interface SqlMacro {
  name: string;
  file: string;
  /** What follows `CREATE MACRO <name>`: the parameters and `AS <expression>`. */
  definition: string;
}

const macroStatement = /^\s*CREATE\s+MACRO\s+([a-z][a-z0-9_]*)\s*(\([\s\S]*?)\s*;?\s*$/i;

/**
 * The SQL macros every relation may call (`sql/macros/<name>.sql`, each one
 * `CREATE MACRO <name>(…) AS …` after its header comment): a rule used in several
 * relations, such as which declared code types mean ICD-10-CM, is written once.
 */
export function loadMacros(sqlDir: string = defaultSqlDir): SqlMacro[] {
  let files: string[];
  try {
    files = readdirSync(join(sqlDir, 'macros')).filter((f) => f.endsWith('.sql')).sort();
  } catch {
    return [];
  }
  return files.map((fileName) => {
    const file = join(sqlDir, 'macros', fileName);
    const match = macroStatement.exec(readFileSync(file, 'utf8').replace(/^(\s*--[^\n]*\n)*/, ''));
    const name = fileName.slice(0, -4);
    if (!match || match[1].toLowerCase() !== name) throw new Error(`sql/macros/${fileName}: must hold one statement, CREATE MACRO ${name}(…) AS …`);
    return { name, file, definition: match[2] };
  });
}

/** Removes comments and string literals so only identifiers remain for dependency scanning. */
function codeOnly(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** Reads every relation under `sqlDir` and returns them in an order where each follows what it reads. */
export function loadRelations(sqlDir: string = defaultSqlDir): SqlRelation[] {
  const found: SqlRelation[] = [];
  for (const layer of layers) {
    let files: string[];
    try {
      files = readdirSync(join(sqlDir, layer)).filter((f) => f.endsWith('.sql')).sort();
    } catch {
      continue;
    }
    for (const fileName of files) {
      const name = fileName.slice(0, -4);
      if (!relationName.test(name)) throw new Error(`sql/${layer}/${fileName}: a relation name must match ${relationName}`);
      const file = join(sqlDir, layer, fileName);
      const sql = readFileSync(file, 'utf8');
      const where = `sql/${layer}/${fileName}`;
      found.push({ name, layer, file, sql, dependsOn: [], materialized: materialization(sql, where), published: publication(sql, where, layer) });
    }
  }
  const byName = new Map<string, SqlRelation>();
  for (const rel of found) {
    if (byName.has(rel.name)) throw new Error(`relation ${rel.name} is defined twice (${byName.get(rel.name)!.file}, ${rel.file})`);
    byName.set(rel.name, rel);
  }
  for (const rel of found) {
    const words = new Set(codeOnly(rel.sql).toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
    rel.dependsOn = [...words].filter((w) => w !== rel.name && byName.has(w)).sort();
    for (const dep of rel.dependsOn) {
      const depLayer = byName.get(dep)!.layer;
      if (layers.indexOf(depLayer) > layers.indexOf(rel.layer)) {
        throw new Error(`${rel.layer}/${rel.name} reads ${depLayer}/${dep}, a later layer`);
      }
      if (rel.published && rel.materialized === 'view' && !byName.get(dep)!.published) {
        throw new Error(`${rel.layer}/${rel.name} is a published view of ${dep}, which is not published (it is gone after the build): make ${rel.name} a table or publish ${dep}`);
      }
    }
  }
  checkAcyclic(found, byName);
  return orderRelations(found, byName);
}

function checkAcyclic(found: SqlRelation[], byName: Map<string, SqlRelation>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (rel: SqlRelation, path: string[]): void => {
    const s = state.get(rel.name);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`circular reference between SQL files: ${[...path, rel.name].join(' → ')}`);
    state.set(rel.name, 'visiting');
    for (const dep of rel.dependsOn) visit(byName.get(dep)!, [...path, rel.name]);
    state.set(rel.name, 'done');
  };
  for (const rel of found) visit(rel, []);
}

/**
 * Layer by layer, each relation after what it reads. Among the relations ready to build,
 * the first is the one that is the last reader (directly or through views) of the most
 * tables not yet released, so a large intermediate is dropped as soon as possible instead
 * of being held (and spilled to disk) while unrelated relations are built; ties go by
 * name.
 */
function orderRelations(found: SqlRelation[], byName: Map<string, SqlRelation>): SqlRelation[] {
  // The tables each relation reads, directly or through views.
  const tablesRead = new Map<string, Set<string>>();
  const readTables = (rel: SqlRelation): Set<string> => {
    let tables = tablesRead.get(rel.name);
    if (tables) return tables;
    tables = new Set();
    for (const dep of rel.dependsOn.map((d) => byName.get(d)!)) {
      if (dep.materialized === 'view') for (const t of readTables(dep)) tables.add(t);
      else tables.add(dep.name);
    }
    tablesRead.set(rel.name, tables);
    return tables;
  };
  const pendingReaders = new Map<string, number>();
  for (const rel of found) if (rel.materialized !== 'view') for (const t of readTables(rel)) pendingReaders.set(t, (pendingReaders.get(t) ?? 0) + 1);

  const ordered: SqlRelation[] = [];
  const placed = new Set<string>();
  for (const layer of layers) {
    const todo = found.filter((r) => r.layer === layer).sort((a, b) => a.name.localeCompare(b.name));
    while (todo.length > 0) {
      let best = -1;
      let bestFreed = -1;
      for (const [i, rel] of todo.entries()) {
        if (!rel.dependsOn.every((d) => placed.has(d))) continue;
        const freed = rel.materialized === 'view' ? 0 : [...readTables(rel)].filter((t) => pendingReaders.get(t) === 1).length;
        if (freed > bestFreed) [best, bestFreed] = [i, freed];
      }
      const [rel] = todo.splice(best, 1);
      ordered.push(rel);
      placed.add(rel.name);
      if (rel.materialized !== 'view') for (const t of readTables(rel)) pendingReaders.set(t, pendingReaders.get(t)! - 1);
    }
  }
  return ordered;
}
