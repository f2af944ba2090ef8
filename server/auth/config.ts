/**
 * Security settings with their defaults. `caseload serve` reads overrides from the
 * environment (CASELOAD_*), tests pass them directly.
 */
export interface SecurityConfig {
  /** Counts of 1 … threshold−1 are suppressed for aggregate-only roles (CMS: 11). */
  smallCellThreshold: number;
  /** 'own': a case manager sees their own caseload and the case-finding list only; 'all': every patient. */
  caseManagerScope: 'own' | 'all';
  /** Sign out after this many minutes without a request. */
  idleMinutes: number;
  /** Sign out this many hours after sign-in. */
  absoluteHours: number;
  /** Failed sign-ins in a row that lock an account, and for how long. */
  lockout: { maxFailures: number; minutes: number };
  /** Sign-in attempts allowed per client address per window. */
  loginRateLimit: { max: number; windowMinutes: number };
  /** Express "trust proxy" setting when behind a TLS-terminating proxy (e.g. 'loopback' or 1); false = direct. */
  trustProxy: boolean | number | string;
  /** Largest JSON request body accepted. */
  bodyLimit: string;
}

export const defaultSecurityConfig: SecurityConfig = {
  smallCellThreshold: 11,
  caseManagerScope: 'all',
  idleMinutes: 30,
  absoluteHours: 12,
  lockout: { maxFailures: 5, minutes: 15 },
  loginRateLimit: { max: 20, windowMinutes: 15 },
  trustProxy: false,
  bodyLimit: '16kb',
};

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw == null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** The settings with overrides from CASELOAD_SMALL_CELL_THRESHOLD, CASELOAD_CASE_MANAGER_SCOPE, CASELOAD_IDLE_MINUTES, CASELOAD_ABSOLUTE_HOURS, CASELOAD_TRUST_PROXY. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const scope = env.CASELOAD_CASE_MANAGER_SCOPE ?? defaultSecurityConfig.caseManagerScope;
  if (scope !== 'own' && scope !== 'all') throw new Error('CASELOAD_CASE_MANAGER_SCOPE must be own or all');
  const proxy = env.CASELOAD_TRUST_PROXY;
  return {
    ...defaultSecurityConfig,
    smallCellThreshold: integer(env, 'CASELOAD_SMALL_CELL_THRESHOLD', defaultSecurityConfig.smallCellThreshold, 2, 1000),
    caseManagerScope: scope,
    idleMinutes: integer(env, 'CASELOAD_IDLE_MINUTES', defaultSecurityConfig.idleMinutes, 1, 24 * 60),
    absoluteHours: integer(env, 'CASELOAD_ABSOLUTE_HOURS', defaultSecurityConfig.absoluteHours, 1, 7 * 24),
    trustProxy: proxy == null || proxy === '' ? false : /^\d+$/.test(proxy) ? Number(proxy) : proxy === 'true' ? true : proxy,
  };
}
