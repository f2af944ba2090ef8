/**
 * Demo accounts for the bundled sample database only (`npm start`): one per role, all with
 * one random password made at each start and printed then. A database not built from the
 * bundled sample never gets them.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../engine/db.ts';
import type { Role } from './roles.ts';
import { ensureSecurityTables, readSetting, writeSetting } from './schema.ts';
import { addUser, findUser, setPassword } from './users.ts';

const SAMPLE_KEY = 'sample_database';

/** Marks a database as built from the bundled sample (synthetic data, no PHI). */
export async function markSampleDatabase(db: Database): Promise<void> {
  await ensureSecurityTables(db);
  await writeSetting(db, SAMPLE_KEY, 'true');
}

export async function isSampleDatabase(db: Database): Promise<boolean> {
  await ensureSecurityTables(db);
  return (await readSetting(db, SAMPLE_KEY)) === 'true';
}

export const demoUsers: { username: string; role: Role }[] = [
  { username: 'demo-admin', role: 'admin' },
  { username: 'demo-case-manager', role: 'case_manager' },
  { username: 'demo-quality', role: 'quality' },
  { username: 'demo-executive', role: 'executive' },
];

/** Creates (or re-passwords) the demo accounts of a sample database; returns the new password, or null for any other database. */
export async function refreshDemoUsers(db: Database): Promise<string | null> {
  if (!(await isSampleDatabase(db))) return null;
  const password = `demo-${randomBytes(12).toString('base64url')}`;
  const manager = await db.one<{ id: string }>(`SELECT case_manager_id AS id FROM mart_patient WHERE case_manager_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  for (const demo of demoUsers) {
    if (await findUser(db, demo.username)) await setPassword(db, demo.username, password);
    else await addUser(db, { ...demo, password, demo: true, caseManagerId: demo.role === 'case_manager' ? (manager?.id ?? null) : null });
  }
  return password;
}
