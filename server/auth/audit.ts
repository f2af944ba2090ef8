/**
 * The audit trail: an append-only table of every PHI read, account event and rebuild (who, when,
 * which route, which patients or list parameters, how many rows). Rows are chained: each
 * stores the SHA-256 of its content and the previous row's hash, so an edit or deletion
 * made outside the app shows up in `verify`. Nothing here (or anywhere in the app) updates
 * or deletes audit rows; writes are serialised so the chain stays linear.
 */
import { createHash } from 'node:crypto';
import { listValue } from '@duckdb/node-api';
import type { Database, Row } from '../engine/db.ts';
import { sqlTime } from './schema.ts';

export const auditEvents = [
  'phi_read', 'phi_denied', 'login', 'login_failed', 'logout', 'user_added', 'user_removed', 'password_changed', 'audit_read', 'rebuild',
] as const;
export type AuditEvent = (typeof auditEvents)[number];

export interface AuditEntry {
  event: AuditEvent;
  username: string | null;
  role?: string | null;
  route?: string | null;
  params?: Record<string, unknown> | null;
  personIds?: string[];
  rowCount?: number | null;
  status?: number | null;
  requestId?: string | null;
  clientIp?: string | null;
}

const GENESIS = '0'.repeat(64);
const columns = ['id', 'logged_at', 'username', 'role', 'event', 'route', 'params', 'person_ids', 'row_count', 'status', 'request_id', 'client_ip', 'prev_hash'] as const;

function hashOf(row: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(columns.map((c) => row[c] ?? null))).digest('hex');
}

/** Normalises a stored timestamp to the text written ("YYYY-MM-DD HH:MM:SS.mmm"). */
function timeText(value: unknown): string {
  const text = String(value);
  return /[zZ]$/.test(text) ? text.replace('T', ' ').replace(/Z$/i, '') : text;
}

export class AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private last: { id: number; hash: string } | undefined;

  constructor(private readonly db: Database) {}

  /** Appends one entry (after the entries already queued); resolves once it is stored. */
  append(entry: AuditEntry): Promise<void> {
    const write = this.queue.then(() => this.write(entry));
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async write(entry: AuditEntry): Promise<void> {
    this.last ??= await this.tail();
    const row = {
      id: this.last.id + 1,
      logged_at: sqlTime(new Date()),
      username: entry.username,
      role: entry.role ?? null,
      event: entry.event,
      route: entry.route ?? null,
      params: entry.params ? JSON.stringify(entry.params) : null,
      person_ids: entry.personIds && entry.personIds.length > 0 ? [...new Set(entry.personIds)] : null,
      row_count: entry.rowCount ?? null,
      status: entry.status ?? null,
      request_id: entry.requestId ?? null,
      client_ip: entry.clientIp ?? null,
      prev_hash: this.last.hash,
    };
    const hash = hashOf(row);
    await this.db.run(
      `INSERT INTO audit_log (id, logged_at, username, role, event, route, params, person_ids, row_count, status, request_id, client_ip, prev_hash, hash)
       VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, $7, $8::VARCHAR[], $9, $10, $11, $12, $13, $14)`,
      [row.id, row.logged_at, row.username, row.role, row.event, row.route, row.params, row.person_ids === null ? null : listValue(row.person_ids), row.row_count, row.status, row.request_id, row.client_ip, row.prev_hash, hash],
    );
    this.last = { id: row.id, hash };
  }

  private async tail(): Promise<{ id: number; hash: string }> {
    const row = await this.db.one<{ id: number; hash: string }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
    return row ? { id: Number(row.id), hash: String(row.hash) } : { id: 0, hash: GENESIS };
  }
}

export interface AuditQuery {
  from?: string;
  to?: string;
  username?: string;
  event?: AuditEvent;
  personId?: string;
  page: number;
  pageSize: number;
}

const filters = `($1::DATE IS NULL OR logged_at >= $1::DATE) AND ($2::DATE IS NULL OR logged_at < $2::DATE + INTERVAL 1 DAY)
  AND ($3::VARCHAR IS NULL OR username = $3) AND ($4::VARCHAR IS NULL OR event = $4)
  AND ($5::VARCHAR IS NULL OR list_contains(person_ids, $5))`;

function filterParams(q: Omit<AuditQuery, 'page' | 'pageSize'>): (string | null)[] {
  return [q.from ?? null, q.to ?? null, q.username ?? null, q.event ?? null, q.personId ?? null];
}

/** Audit rows matching the filters, newest first, paged; with the total. */
export async function readAudit(db: Database, q: AuditQuery): Promise<{ rows: Row[]; total: number }> {
  const rows = await db.all(
    `SELECT id, logged_at, username, role, event, route, params, person_ids, row_count, status, request_id, client_ip, count(*) OVER () AS _total
       FROM audit_log WHERE ${filters} ORDER BY id DESC LIMIT $6 OFFSET $7`,
    [...filterParams(q), q.pageSize, (q.page - 1) * q.pageSize],
  );
  const total = rows.length > 0 ? Number(rows[0]._total) : 0;
  for (const row of rows) delete row._total;
  return { rows, total };
}

/** Every matching audit row, oldest first, as CSV text (RFC 4180; lists joined by spaces). */
export async function auditCsv(db: Database, q: Omit<AuditQuery, 'page' | 'pageSize'>): Promise<{ csv: string; rows: number }> {
  const rows = await db.all(
    `SELECT id, logged_at, username, role, event, route, params, person_ids, row_count, status, request_id, client_ip, prev_hash, hash
       FROM audit_log WHERE ${filters} ORDER BY id`,
    filterParams(q),
  );
  const header = ['id', 'logged_at', 'username', 'role', 'event', 'route', 'params', 'person_ids', 'row_count', 'status', 'request_id', 'client_ip', 'prev_hash', 'hash'];
  const cell = (value: unknown): string => {
    if (value == null) return '';
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = rows.map((r) => header.map((h) => cell(h === 'logged_at' ? timeText(r[h]) : r[h])).join(','));
  return { csv: [header.join(','), ...lines].join('\r\n') + '\r\n', rows: rows.length };
}

/** Recomputes the chain; `ok` is false from the first row whose hash or link does not match. */
export async function verifyAudit(db: Database): Promise<{ ok: boolean; rows: number; firstBadId: number | null }> {
  const rows = await db.all('SELECT * FROM audit_log ORDER BY id');
  let previous = GENESIS;
  let expectedId = 1;
  for (const row of rows) {
    const content = { ...row, logged_at: timeText(row.logged_at), person_ids: row.person_ids ?? null };
    if (Number(row.id) !== expectedId || row.prev_hash !== previous || hashOf(content) !== row.hash) {
      return { ok: false, rows: rows.length, firstBadId: Number(row.id) };
    }
    previous = String(row.hash);
    expectedId++;
  }
  return { ok: true, rows: rows.length, firstBadId: null };
}
