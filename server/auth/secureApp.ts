/**
 * The dashboard as `caseload serve` runs it: createApp with sign-in, roles, small-cell
 * suppression, caseload scope, the audit trail, security headers (helmet, a strict
 * Content-Security-Policy), a login rate limit, structured logs, a pool of connections
 * for requests, and live rebuilds of the marts (the audit trail writes on the connection
 * the database was opened with, one entry at a time; requests and the rebuild use others).
 */
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Database } from '../engine/db.ts';
import { createApp, type AppOptions } from '../api/app.ts';
import type { RouteDef } from '../api/route.ts';
import { ConnectionPool, DEFAULT_POOL_SIZE } from '../api/pool.ts';
import { MartRebuilder, type BuildRunner, type RebuildStatus } from '../api/rebuild.ts';
import { rebuildRoutes } from './rebuildRoutes.ts';
import { AuditLog } from './audit.ts';
import { defaultSecurityConfig, type SecurityConfig } from './config.ts';
import type { SecurityContext } from './context.ts';
import { auditAfter, authorizer, csrfGuard, scopeCheck, sessionLoader } from './guards.ts';
import { createLogger, errorLogger, requestLogger } from './logging.ts';
import { securityRoutes } from './routes.ts';
import { ensureSecurityTables } from './schema.ts';
import { SessionStore } from './sessions.ts';

export interface SecureAppOptions {
  /** HMAC key for sessions and CSRF tokens (see secret.ts). */
  secret: Buffer;
  config?: Partial<SecurityConfig>;
  clientDir?: string;
  logger?: Logger;
  version?: string;
  /** Connections serving requests (default DEFAULT_POOL_SIZE). */
  connections?: number;
  /** How a rebuild builds the marts (tests); default buildDatabase. */
  buildRunner?: BuildRunner;
}

export interface SecureApp {
  app: Express;
  security: SecurityContext;
  /** Every mounted API route (for the role matrix). */
  routes: RouteDef<never, never, never>[];
  logger: Logger;
  /** Live rebuilds of the marts (the Admin page, SIGHUP). */
  rebuilder: MartRebuilder;
  pool: ConnectionPool;
  /** Ends sessions, interrupts a running rebuild and waits for its rollback, closes the request connections. */
  close(): Promise<void>;
}

/**
 * The Content-Security-Policy: everything from this origin only, no inline script or style,
 * no eval (Vega runs its expressions through vega-interpreter), no framing, no plugins.
 */
function securityHeaders(secure: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
}

/** Builds the secured app over `db` (creating the security tables when missing). */
export async function createSecureApp(db: Database, options: SecureAppOptions): Promise<SecureApp> {
  const config: SecurityConfig = { ...defaultSecurityConfig, ...options.config };
  await ensureSecurityTables(db);
  const logger = options.logger ?? createLogger();
  const sessions = new SessionStore(options.secret, { idleMs: config.idleMinutes * 60_000, absoluteMs: config.absoluteHours * 3_600_000 });
  const security: SecurityContext = { db, config, sessions, audit: new AuditLog(db) };
  const pool = new ConnectionPool(db, options.connections ?? DEFAULT_POOL_SIZE);
  const rebuilder = new MartRebuilder(db, { runner: options.buildRunner, onFinish: (status) => rebuildFinished(security, logger, status) });
  const loginLimiter = rateLimit({
    windowMs: config.loginRateLimit.windowMinutes * 60_000,
    limit: config.loginRateLimit.max,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({ error: 'Too many sign-in attempts from this address; try again later.' });
    },
  });
  const routes = [...securityRoutes(security), ...rebuildRoutes(security, rebuilder)];
  const loginRoute = routes.find((r) => r.path === '/auth/login');
  const headers = { secure: securityHeaders(true), plain: securityHeaders(false) };
  const appOptions: AppOptions = {
    clientDir: options.clientDir,
    version: options.version,
    bodyLimit: config.bodyLimit,
    first: [requestLogger(logger), (req, res, next) => (req.secure ? headers.secure : headers.plain)(req, res, next)],
    before: [sessionLoader(security), csrfGuard(security)],
    authorize: authorizer(security, (route) => (route === loginRoute ? [loginLimiter] : [])),
    check: scopeCheck(security),
    after: auditAfter(security),
    routes,
    logError: errorLogger(logger),
    pool,
  };
  const app = createApp(db, appOptions);
  app.set('trust proxy', config.trustProxy);
  const close = async () => {
    sessions.close();
    await rebuilder.close();
    pool.close();
  };
  return { app, security, routes: app.locals.routes, logger, rebuilder, pool, close };
}

/** Logs how a rebuild ended and writes it to the audit trail. */
function rebuildFinished(security: SecurityContext, logger: Logger, status: RebuildStatus): void {
  const fields = { rebuild: status.state, dataThrough: status.dataThrough, builtThrough: status.builtThrough, ms: status.durationMs, generation: status.generation, requestedBy: status.requestedBy };
  if (status.state === 'succeeded') logger.info(fields, 'rebuild finished');
  else logger.error({ ...fields, error: status.error }, 'rebuild failed');
  security.audit
    .append({
      event: 'rebuild',
      username: status.requestedBy,
      route: 'rebuild finished',
      status: status.state === 'succeeded' ? 200 : 500,
      params: { outcome: status.state, dataThrough: status.dataThrough, builtThrough: status.builtThrough, durationMs: status.durationMs, error: status.error },
    })
    .catch((error: unknown) => logger.error({ err: { message: String((error as Error)?.message ?? error) } }, 'could not write the rebuild to the audit trail'));
}
