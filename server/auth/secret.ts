/** The server's secret (HMAC key for session keys and CSRF tokens), in a file only its owner can read. */
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/** The secret file beside a database file. */
export function secretPathFor(dbPath: string): string {
  return `${dbPath}.secret`;
}

/**
 * Reads the secret at `path`, creating it (32 random bytes, mode 0600) when missing;
 * an existing file readable by others is tightened to 0600.
 */
export function loadOrCreateSecret(path: string): Buffer {
  if (!existsSync(path)) {
    try {
      writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  tightenPermissions(path);
  const secret = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (secret.length < 32) throw new Error(`the secret in ${path} is too short; delete the file to make a new one`);
  return secret;
}

/** Sets mode 0600 on a file whose group or others have any access; returns true when it changed it. */
export function tightenPermissions(path: string): boolean {
  if (!existsSync(path) || process.platform === 'win32') return false;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return false;
  chmodSync(path, 0o600);
  return true;
}
