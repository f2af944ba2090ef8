/** `caseload user add|remove|passwd|list`: manage dashboard users in a database file (while no server has it open). */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Database } from '../engine/db.ts';
import { UsageError } from '../errors.ts';
import { AuditLog, type AuditEntry } from './audit.ts';
import { readPassword } from './prompt.ts';
import { tightenPermissions } from './secret.ts';
import { ensureSecurityTables } from './schema.ts';
import { AccountError, addUser, listUsers, removeUser, setPassword } from './users.ts';

export interface UserDbOptions {
  db: string;
}

async function withDatabase<T>(path: string, work: (db: Database, audit: (entry: Omit<AuditEntry, 'username'>) => Promise<void>) => Promise<T>): Promise<T> {
  if (!existsSync(path)) throw new UsageError(`database file ${path} does not exist`);
  process.umask(0o077);
  tightenPermissions(path);
  let db: Database;
  try {
    db = await Database.open(path);
  } catch (error) {
    if (/lock/i.test(String((error as Error).message))) {
      throw new UsageError(`${path} is in use (is \`caseload serve\` running?). Stop the server first, or manage users on the dashboard's Admin page.`);
    }
    throw error;
  }
  try {
    await ensureSecurityTables(db);
    const log = new AuditLog(db);
    const actor = `cli:${safeUser()}`;
    return await work(db, (entry) => log.append({ ...entry, username: actor, route: 'caseload user' }));
  } catch (error) {
    if (error instanceof AccountError) throw new UsageError(error.message);
    throw error;
  } finally {
    db.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** Adds a user; the password comes from a hidden prompt or standard input. */
export async function runUserAdd(username: string, opts: UserDbOptions & { role: string; caseManagerId?: string; passwordStdin?: boolean }): Promise<void> {
  await withDatabase(opts.db, async (db, audit) => {
    const password = await readPassword({ fromStdin: opts.passwordStdin, confirm: true });
    const user = await addUser(db, { username, role: opts.role, password, caseManagerId: opts.caseManagerId });
    await audit({ event: 'user_added', params: { user: user.username, role: user.role, caseManagerId: user.caseManagerId } });
    process.stdout.write(`Added ${user.username} (${user.role}${user.caseManagerId ? `, caseload ${user.caseManagerId}` : ''}).\n`);
  });
}

/** Removes a user (never the last admin). */
export async function runUserRemove(username: string, opts: UserDbOptions): Promise<void> {
  await withDatabase(opts.db, async (db, audit) => {
    await removeUser(db, username);
    await audit({ event: 'user_removed', params: { user: username.trim().toLowerCase() } });
    process.stdout.write(`Removed ${username.trim().toLowerCase()}.\n`);
  });
}

/** Sets a new password (and clears a lockout). */
export async function runUserPasswd(username: string, opts: UserDbOptions & { passwordStdin?: boolean }): Promise<void> {
  await withDatabase(opts.db, async (db, audit) => {
    const password = await readPassword({ fromStdin: opts.passwordStdin, confirm: true });
    await setPassword(db, username, password);
    await audit({ event: 'password_changed', params: { user: username.trim().toLowerCase() } });
    process.stdout.write(`Password changed for ${username.trim().toLowerCase()}.\n`);
  });
}

/** Lists users as a table, or JSON with --format json. */
export async function runUserList(opts: UserDbOptions & { format?: 'json' | 'table' }): Promise<void> {
  await withDatabase(opts.db, async (db) => {
    const users = await listUsers(db);
    if (opts.format === 'json') {
      process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
      return;
    }
    if (users.length === 0) {
      process.stdout.write('No users.\n');
      return;
    }
    const rows = [['user', 'role', 'caseload', 'last sign-in', 'locked until'], ...users.map((u) => [u.username, u.role, u.caseManagerId ?? '', u.lastLoginAt ?? 'never', u.lockedUntil ?? ''])];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`);
  });
}
