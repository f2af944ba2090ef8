/**
 * The dashboard as `caseload serve` runs it: createApp with sign-in, roles, small-cell
 * suppression, caseload scope, the audit trail, security headers (helmet, a strict
 * Content-Security-Policy), a login rate limit and structured logs.
 */
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Database } from '../engine/db.ts';
import { createApp, type AppOptions } from '../api/app.ts';
import type { RouteDef } from '../api/route.ts';
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
}

export interface SecureApp {
  app: Express;
  security: SecurityContext;
  /** Every mounted API route (for the role matrix). */
  routes: RouteDef<never, never, never>[];
  logger: Logger;
  close(): void;
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
  const routes = securityRoutes(security);
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
  };
  const app = createApp(db, appOptions);
  app.set('trust proxy', config.trustProxy);
  return { app, security, routes: app.locals.routes, logger, close: () => sessions.close() };
}
