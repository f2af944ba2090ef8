/**
 * Middleware that enforces the security model on every API request: the session from the
 * cookie, CSRF checks on state-changing requests, the role each route's access level
 * requires (401 without a session, 403 for the wrong role), small-cell suppression for
 * aggregate-only roles, the case manager's caseload scope, and the audit trail of PHI reads.
 */
import type { RequestHandler } from 'express';
import { ForbiddenError, isPhiRoute, TablePage, UnauthorizedError, type RouteContext, type RouteDef } from '../api/route.ts';
import type { SuppressionPolicy } from '../api/suppression/index.ts';
import { readSessionCookie } from './cookies.ts';
import { requestFields, sessionOf, type SecurityContext } from './context.ts';
import { mayAccess, suppressedRoles } from './roles.ts';

type AnyRoute = RouteDef<never, never, never>;
type AnyContext = RouteContext<never, never, never>;

/** Loads the session named by the cookie (refreshing its idle timer) into res.locals.session. */
export function sessionLoader(ctx: SecurityContext): RequestHandler {
  return (req, res, next) => {
    const session = ctx.sessions.touch(readSessionCookie(req));
    if (session) res.locals.session = session;
    next();
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for POST/DELETE: the Origin header (or, without it, Sec-Fetch-Site) must be
 * this site, and a signed-in request must carry the session's token in X-CSRF-Token
 * (an HMAC of the session, handed out by GET /api/auth/session). The session cookie is
 * SameSite=Strict as well, and bodies must be JSON, which a cross-site form cannot send.
 */
export function csrfGuard(ctx: SecurityContext): RequestHandler {
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const self = `${req.protocol}://${req.host}`;
    if (origin ? origin !== self : site !== undefined && site !== 'same-origin' && site !== 'none') {
      return next(new ForbiddenError('Cross-site request refused (CSRF check)'));
    }
    const session = sessionOf(res);
    if (session && !ctx.sessions.checkCsrf(session, req.get('x-csrf-token'))) {
      return next(new ForbiddenError('Missing or wrong X-CSRF-Token (CSRF check)'));
    }
    next();
  };
}

/** The guards for one route: sign-in and role from its access level; suppression for aggregate-only roles. */
export function authorizer(ctx: SecurityContext, extra: (route: AnyRoute) => RequestHandler[] = () => []): (route: AnyRoute) => RequestHandler[] {
  const policy: SuppressionPolicy = { threshold: ctx.config.smallCellThreshold };
  return (route) => {
    const guard: RequestHandler = (req, res, next) => {
      res.locals.route = route;
      if (route.access === 'public') return next();
      const session = sessionOf(res);
      if (!session) return next(new UnauthorizedError());
      if (!mayAccess(session.role, route.access)) {
        const denied = new ForbiddenError(`The ${session.role} role may not use this`);
        if (!isPhiRoute(route)) return next(denied);
        return ctx.audit
          .append({ ...requestFields(req, res), event: 'phi_denied', route: `${req.method} ${route.path}`, status: 403, params: { ...req.params } })
          .then(() => next(denied), next);
      }
      if (route.access === 'aggregate' && suppressedRoles.includes(session.role)) res.locals.suppression = policy;
      next();
    };
    return [guard, ...extra(route)];
  };
}

/**
 * The caseload scope (caseManagerScope 'own'): a case manager sees their own patients and
 * the case-finding list, nothing else person-level. Runs after the parameters are parsed.
 */
export function scopeCheck(ctx: SecurityContext): (route: AnyRoute, rc: AnyContext) => Promise<void> {
  return async (route, rc) => {
    const session = sessionOf(rc.res);
    if (!session || session.role !== 'case_manager' || ctx.config.caseManagerScope !== 'own' || !isPhiRoute(route)) return;
    const refuse = async (message: string) => {
      await ctx.audit.append({ ...requestFields(rc.req, rc.res), event: 'phi_denied', route: `${rc.req.method} ${route.path}`, status: 403, params: { ...(rc.params as object), ...(rc.query as object) } });
      throw new ForbiddenError(message);
    };
    const own = session.caseManagerId;
    if (route.ownScope === 'open') return;
    if (!own) return refuse('Your account is not linked to a caseload; ask an administrator');
    if (route.ownScope === 'caseload') {
      const query = rc.query as { caseManager?: string };
      if (query.caseManager !== undefined && query.caseManager !== own) return refuse('Outside your caseload');
      query.caseManager = own;
      return;
    }
    if (route.ownScope === 'person') {
      const personId = (rc.params as { personId?: string }).personId;
      const row = await rc.db.one<{ mine: boolean; findable: boolean }>(
        `SELECT coalesce(case_manager_id = $2, false) AS mine, coalesce(current_cohort = 'unmanaged' AND is_target, false) AS findable
           FROM mart_patient WHERE person_id = $1`,
        [personId ?? null, own],
      );
      if (!row || row.mine || row.findable) return;
      return refuse('This patient is outside your caseload');
    }
    return refuse('Not available to case managers limited to their own caseload');
  };
}

/** Patient ids a result shows: the rows' person_id and the path's personId. */
function personIdsOf(result: unknown, params: Record<string, unknown>): string[] {
  const ids: string[] = [];
  if (typeof params.personId === 'string') ids.push(params.personId);
  const rows = result instanceof TablePage ? result.rows : Array.isArray((result as { rows?: unknown })?.rows) ? (result as { rows: Record<string, unknown>[] }).rows : [];
  for (const row of rows) if (row.person_id != null) ids.push(String(row.person_id));
  return ids;
}

function rowCountOf(result: unknown): number {
  if (result instanceof TablePage) return result.rows.length;
  const events = (result as { events?: unknown[] } | null)?.events;
  return Array.isArray(events) ? events.length : 1;
}

/** Writes a phi_read audit row for every answered PHI route, before the answer leaves (a failed write fails the request). */
export function auditAfter(ctx: SecurityContext): (route: AnyRoute, rc: AnyContext, result: unknown) => Promise<void> {
  return async (route, rc, result) => {
    if (!isPhiRoute(route)) return;
    const params = { ...(rc.params as Record<string, unknown>), ...(rc.query as Record<string, unknown>) };
    await ctx.audit.append({
      ...requestFields(rc.req, rc.res),
      event: 'phi_read',
      route: `${rc.req.method} ${route.path}`,
      params,
      personIds: personIdsOf(result, params),
      rowCount: rowCountOf(result),
      status: 200,
    });
  };
}
