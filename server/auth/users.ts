/** Accounts in app_users: add, remove, change password, list, and the sign-in bookkeeping (failures, lockout). */
import type { Database } from '../engine/db.ts';
import { hashPassword, passwordProblems } from './password.ts';
import { isRole, type Role } from './roles.ts';
import { sqlTime } from './schema.ts';

export interface User {
  username: string;
  role: Role;
  caseManagerId: string | null;
  demo: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  passwordChangedAt: string;
  lastLoginAt: string | null;
}

/** A problem with an account change the caller asked for (→ 400 / exit 2). */
export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

const usernamePattern = /^[a-z0-9][a-z0-9._@-]{1,62}[a-z0-9]$/;

/** Lower-cases a user name and checks its form: 3–64 of a–z, 0–9, dot, underscore, @ and hyphen. */
export function normaliseUsername(username: string): string {
  const name = username.trim().toLowerCase();
  if (!usernamePattern.test(name)) throw new AccountError('a user name is 3–64 characters: letters, digits, dot, underscore, @ or hyphen, starting and ending with a letter or digit');
  return name;
}

function fromRow(row: Record<string, unknown>): User {
  return {
    username: String(row.username),
    role: row.role as Role,
    caseManagerId: row.case_manager_id == null ? null : String(row.case_manager_id),
    demo: Boolean(row.demo),
    failedLogins: Number(row.failed_logins),
    lockedUntil: row.locked_until == null ? null : String(row.locked_until),
    createdAt: String(row.created_at),
    passwordChangedAt: String(row.password_changed_at),
    lastLoginAt: row.last_login_at == null ? null : String(row.last_login_at),
  };
}

/** One account with its password hash, or undefined. */
export async function findUser(db: Database, username: string): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.one('SELECT * FROM app_users WHERE username = $1', [username.trim().toLowerCase()]);
  return row ? { ...fromRow(row), passwordHash: String(row.password_hash) } : undefined;
}

/** Every account, by name (no hashes). */
export async function listUsers(db: Database): Promise<User[]> {
  return (await db.all('SELECT * FROM app_users ORDER BY username')).map(fromRow);
}

export async function countUsers(db: Database): Promise<number> {
  const row = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM app_users');
  return Number(row?.n ?? 0);
}

function checkPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) throw new AccountError(`password refused: ${problems.join('; ')}`);
}

/** Adds an account; a case manager may be linked to their case_manager_id (caseload). */
export async function addUser(
  db: Database,
  input: { username: string; role: string; password: string; caseManagerId?: string | null; demo?: boolean },
): Promise<User> {
  const username = normaliseUsername(input.username);
  if (!isRole(input.role)) throw new AccountError(`unknown role "${input.role}"; use admin, case_manager, quality or executive`);
  const caseManagerId = input.caseManagerId?.trim() || null;
  if (caseManagerId && input.role !== 'case_manager') throw new AccountError('only a case_manager user is linked to a case manager id');
  if (caseManagerId && caseManagerId.length > 100) throw new AccountError('a case manager id has at most 100 characters');
  checkPassword(input.password, username);
  if (await findUser(db, username)) throw new AccountError(`user ${username} already exists`);
  const now = sqlTime(new Date());
  await db.run(
    `INSERT INTO app_users (username, role, case_manager_id, password_hash, demo, created_at, password_changed_at)
     VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMP, $6::TIMESTAMP)`,
    [username, input.role, caseManagerId, await hashPassword(input.password), Boolean(input.demo), now],
  );
  const { passwordHash: _hash, ...user } = (await findUser(db, username))!;
  return user;
}

/** Removes an account; refuses to remove the last admin. */
export async function removeUser(db: Database, username: string): Promise<void> {
  const user = await findUser(db, username);
  if (!user) throw new AccountError(`no user ${username.trim().toLowerCase()}`);
  if (user.role === 'admin') {
    const admins = await db.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM app_users WHERE role = 'admin'`);
    if (Number(admins?.n) <= 1) throw new AccountError('refusing to remove the last admin');
  }
  await db.run('DELETE FROM app_users WHERE username = $1', [user.username]);
}

/** Sets a new password and clears failures and any lockout. */
export async function setPassword(db: Database, username: string, password: string): Promise<void> {
  const user = await findUser(db, username);
  if (!user) throw new AccountError(`no user ${username.trim().toLowerCase()}`);
  checkPassword(password, user.username);
  await db.run(
    `UPDATE app_users SET password_hash = $2, password_changed_at = $3::TIMESTAMP, failed_logins = 0, locked_until = NULL WHERE username = $1`,
    [user.username, await hashPassword(password), sqlTime(new Date())],
  );
}

/** Counts a failed sign-in; locks the account for `lockMs` once `maxFailures` is reached. Returns whether it is now locked. */
export async function recordFailure(db: Database, username: string, maxFailures: number, lockMs: number): Promise<boolean> {
  const user = await findUser(db, username);
  if (!user) return false;
  const failures = user.failedLogins + 1;
  const lock = failures >= maxFailures ? sqlTime(new Date(Date.now() + lockMs)) : null;
  await db.run('UPDATE app_users SET failed_logins = $2, locked_until = $3::TIMESTAMP WHERE username = $1', [user.username, lock ? 0 : failures, lock]);
  return lock !== null;
}

/** Clears failures after a successful sign-in. */
export async function recordSuccess(db: Database, username: string): Promise<void> {
  await db.run('UPDATE app_users SET failed_logins = 0, locked_until = NULL, last_login_at = $2::TIMESTAMP WHERE username = $1', [username, sqlTime(new Date())]);
}

/** True while the account is locked. */
export function isLocked(user: User, now = Date.now()): boolean {
  return user.lockedUntil != null && utcTime(user.lockedUntil) > now;
}

/** Milliseconds of a TIMESTAMP read back from DuckDB (ISO with Z, or "YYYY-MM-DD HH:MM:SS" in UTC). */
export function utcTime(value: string): number {
  return Date.parse(/[zZ]$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
