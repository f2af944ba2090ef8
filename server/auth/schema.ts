/**
 * The tables sign-in and audit keep in the database file: app_users (accounts),
 * audit_log (append-only trail of PHI reads and account events) and app_settings
 * (markers such as "this is the bundled sample"). `caseload build` leaves them alone.
 */
import type { Database } from '../engine/db.ts';

const ddl = [
  `CREATE TABLE IF NOT EXISTS app_users (
     username VARCHAR PRIMARY KEY,
     role VARCHAR NOT NULL,
     case_manager_id VARCHAR,
     password_hash VARCHAR NOT NULL,
     demo BOOLEAN NOT NULL DEFAULT false,
     failed_logins INTEGER NOT NULL DEFAULT 0,
     locked_until TIMESTAMP,
     created_at TIMESTAMP NOT NULL,
     password_changed_at TIMESTAMP NOT NULL,
     last_login_at TIMESTAMP
   )`,
  `CREATE TABLE IF NOT EXISTS audit_log (
     id BIGINT PRIMARY KEY,
     logged_at TIMESTAMP NOT NULL,
     username VARCHAR,
     role VARCHAR,
     event VARCHAR NOT NULL,
     route VARCHAR,
     params VARCHAR,
     person_ids VARCHAR[],
     row_count INTEGER,
     status INTEGER,
     request_id VARCHAR,
     client_ip VARCHAR,
     prev_hash VARCHAR NOT NULL,
     hash VARCHAR NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS app_settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
];

/** Creates the security tables when missing (idempotent). */
export async function ensureSecurityTables(db: Database): Promise<void> {
  for (const statement of ddl) await db.run(statement);
}

/** A JS time as a UTC TIMESTAMP literal for a bound parameter. */
export function sqlTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A setting, or undefined. */
export async function readSetting(db: Database, key: string): Promise<string | undefined> {
  const row = await db.one<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [key]);
  return row?.value;
}

export async function writeSetting(db: Database, key: string, value: string): Promise<void> {
  await db.run('INSERT OR REPLACE INTO app_settings VALUES ($1, $2)', [key, value]);
}
