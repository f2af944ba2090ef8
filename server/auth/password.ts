/**
 * Password hashing with scrypt (node:crypto, memory-hard), stored as
 * `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes.
 * Cost: N = 2^15, r = 8, p = 3 (32 MiB; one of OWASP's scrypt settings).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const cost = { N: 2 ** 15, r: 8, p: 3 };
const keyLength = 32;

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  const scryptOptions: ScryptOptions = { ...options, maxmem: 256 * 128 * options.N * options.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, scryptOptions, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** The reasons a new password is refused (empty when acceptable). */
export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = [];
  if ([...password].length < 12) problems.push('use at least 12 characters');
  if (password.length > 256) problems.push('use at most 256 characters');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('do not include the user name');
  if (/^(.)\1*$/.test(password)) problems.push('do not repeat one character');
  return problems;
}

/** Hashes a password with a new random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Compares a password with a stored hash in constant time; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (![options.N, options.r, options.p].every(Number.isInteger)) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password.slice(0, 1024), Buffer.from(salt, 'base64'), options);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown user name takes as long as a wrong password. */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(18).toString('base64'));
  await verifyPassword(password, await dummy);
  return false;
}
