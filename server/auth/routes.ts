/**
 * Sign-in routes (login, logout, who am I) and administration routes (users, the audit
 * trail). Declared like the data routes, so the role matrix, OpenAPI document and
 * logging treat them alike. Users can be managed here by admins or with `caseload user`
 * while the server is stopped (DuckDB lets one process write the file).
 */
import { z } from 'zod';
import { BadRequestError, CsvFile, defineRoute, TablePage, UnauthorizedError, type RouteDef } from '../api/route.ts';
import { emptyQuery } from '../api/schemas.ts';
import { auditCsv, auditEvents, readAudit, verifyAudit } from './audit.ts';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './cookies.ts';
import { requestFields, sessionOf, type SecurityContext } from './context.ts';
import { verifyNothing, verifyPassword } from './password.ts';
import { roleLabels, roles, suppressedRoles } from './roles.ts';
import { AccountError, addUser, findUser, isLocked, listUsers, recordFailure, recordSuccess, removeUser, setPassword } from './users.ts';
import { UnknownNameLockout } from './lockout.ts';

const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1024),
});

const newUserBody = z.object({
  username: z.string().min(1).max(64),
  role: z.enum(roles),
  caseManagerId: z.string().min(1).max(100).optional(),
  password: z.string().min(1).max(256),
});

const passwordBody = z.object({ password: z.string().min(1).max(256) });
const usernameParams = z.object({ username: z.string().min(1).max(64).describe('User name.') });

const day = z.string().regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date as YYYY-MM-DD');
const auditFilters = {
  from: day.optional().describe('First day (UTC).'),
  to: day.optional().describe('Last day (UTC).'),
  username: z.string().min(1).max(64).optional(),
  event: z.enum(auditEvents).optional(),
  personId: z.string().min(1).max(64).optional().describe('Entries that show this patient.'),
};
const auditQuery = z.object({
  ...auditFilters,
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
const auditCsvQuery = z.object(auditFilters);

/** Turns account problems into 400s with their message. */
async function accountChange<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AccountError) throw new BadRequestError(error.message);
    throw error;
  }
}

/** The routes for one server. */
export function securityRoutes(ctx: SecurityContext): RouteDef<never, never, never>[] {
  const unknownNames = new UnknownNameLockout(ctx.config.lockout.maxFailures, ctx.config.lockout.minutes * 60_000);
  const lockMs = ctx.config.lockout.minutes * 60_000;
  const routes = [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: `Sign in with user name and password; sets the session cookie. ${ctx.config.lockout.maxFailures} failures in a row lock the account for ${ctx.config.lockout.minutes} minutes (429); attempts per address are rate-limited.`,
      access: 'public',
      returns: 'json',
      query: emptyQuery,
      body: loginBody,
      handler: async ({ db, body, req, res }) => {
        const name = body.username.trim().toLowerCase();
        const user = await findUser(db, name);
        const base = { ...requestFields(req, res), username: name, route: 'POST /auth/login' };
        const locked = () => {
          res.status(429).set('Retry-After', String(ctx.config.lockout.minutes * 60));
          return { error: `Too many failed sign-ins: this account is locked for ${ctx.config.lockout.minutes} minutes.` };
        };
        if (user ? isLocked(user) : unknownNames.isLocked(name)) {
          await (user ? verifyPassword(body.password, user.passwordHash) : verifyNothing(body.password));
          await ctx.audit.append({ ...base, event: 'login_failed', status: 429, params: { reason: 'locked' } });
          return locked();
        }
        const ok = user ? await verifyPassword(body.password, user.passwordHash) : await verifyNothing(body.password);
        if (!user || !ok) {
          const nowLocked = user ? await recordFailure(db, user.username, ctx.config.lockout.maxFailures, lockMs) : unknownNames.fail(name);
          await ctx.audit.append({ ...base, event: 'login_failed', status: nowLocked ? 429 : 401, params: { reason: nowLocked ? 'locked now' : 'wrong user name or password' } });
          if (nowLocked) return locked();
          throw new UnauthorizedError('Wrong user name or password');
        }
        await recordSuccess(db, user.username);
        const previous = readSessionCookie(req);
        if (sessionOf(res) && previous) ctx.sessions.destroy(sessionOf(res)!.key);
        const { token, session } = ctx.sessions.create(user);
        res.locals.session = session;
        setSessionCookie(req, res, token);
        await ctx.audit.append({ ...requestFields(req, res), event: 'login', route: 'POST /auth/login', status: 200 });
        return describeSession(ctx, session);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Sign out: ends the session and clears the cookie.',
      access: 'aggregate',
      returns: 'empty',
      query: emptyQuery,
      handler: async ({ req, res }) => {
        const session = sessionOf(res)!;
        await ctx.audit.append({ ...requestFields(req, res), event: 'logout', route: 'POST /auth/logout', status: 204 });
        ctx.sessions.destroy(session.key);
        clearSessionCookie(req, res);
      },
    }),
    defineRoute({
      path: '/auth/session',
      tag: 'auth',
      summary: 'Who is signed in: user, role, the CSRF token for POST/DELETE, expiry, suppression and what the role may use. { user: null } when signed out.',
      access: 'public',
      returns: 'json',
      query: emptyQuery,
      handler: async ({ res }) => {
        res.set('Cache-Control', 'no-store');
        const session = sessionOf(res);
        return session ? describeSession(ctx, session) : { user: null };
      },
    }),
    defineRoute({
      path: '/admin/users',
      tag: 'admin',
      summary: 'Every user: role, linked case manager, lockout and last sign-in (no password hashes).',
      access: 'admin',
      returns: 'json',
      query: emptyQuery,
      handler: async ({ db }) => ({ users: await listUsers(db) }),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/users',
      tag: 'admin',
      summary: 'Adds a user (password at least 12 characters).',
      access: 'admin',
      returns: 'json',
      query: emptyQuery,
      body: newUserBody,
      handler: async ({ db, body, req, res }) => {
        const user = await accountChange(() => addUser(db, body));
        await ctx.audit.append({ ...requestFields(req, res), event: 'user_added', route: 'POST /admin/users', status: 201, params: { user: user.username, role: user.role, caseManagerId: user.caseManagerId } });
        res.status(201);
        return { user };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/admin/users/:username',
      tag: 'admin',
      summary: 'Removes a user and ends their sessions (not the last admin).',
      access: 'admin',
      returns: 'empty',
      params: usernameParams,
      query: emptyQuery,
      handler: async ({ db, params, req, res }) => {
        await accountChange(() => removeUser(db, params.username));
        const name = params.username.trim().toLowerCase();
        ctx.sessions.destroyUser(name);
        await ctx.audit.append({ ...requestFields(req, res), event: 'user_removed', route: 'DELETE /admin/users/:username', status: 204, params: { user: name } });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/admin/users/:username/password',
      tag: 'admin',
      summary: "Sets a user's password, clears a lockout and ends their sessions.",
      access: 'admin',
      returns: 'empty',
      params: usernameParams,
      query: emptyQuery,
      body: passwordBody,
      handler: async ({ db, params, body, req, res }) => {
        await accountChange(() => setPassword(db, params.username, body.password));
        const name = params.username.trim().toLowerCase();
        ctx.sessions.destroyUser(name);
        await ctx.audit.append({ ...requestFields(req, res), event: 'password_changed', route: 'POST /admin/users/:username/password', status: 204, params: { user: name } });
      },
    }),
    defineRoute({
      path: '/admin/audit',
      tag: 'admin',
      summary: 'The audit trail, newest first, with filters.',
      access: 'admin',
      returns: 'table',
      query: auditQuery,
      handler: async ({ db, query, req, res }) => {
        const { rows, total } = await readAudit(db, query);
        await ctx.audit.append({ ...requestFields(req, res), event: 'audit_read', route: 'GET /admin/audit', status: 200, params: query, rowCount: rows.length });
        return new TablePage(rows, total, query.page, query.pageSize);
      },
    }),
    defineRoute({
      path: '/admin/audit.csv',
      tag: 'admin',
      summary: 'The audit trail as CSV (oldest first, with the hash chain), with the same filters.',
      access: 'admin',
      returns: 'csv',
      query: auditCsvQuery,
      handler: async ({ db, query, req, res }) => {
        const { csv, rows } = await auditCsv(db, query);
        await ctx.audit.append({ ...requestFields(req, res), event: 'audit_read', route: 'GET /admin/audit.csv', status: 200, params: query, rowCount: rows });
        return new CsvFile(csv, `caseload-audit-${new Date().toISOString().slice(0, 10)}.csv`, rows);
      },
    }),
    defineRoute({
      path: '/admin/audit/verify',
      tag: 'admin',
      summary: "Recomputes the audit trail's hash chain: ok, or the first row that was altered or removed.",
      access: 'admin',
      returns: 'json',
      query: emptyQuery,
      handler: async ({ db }) => verifyAudit(db),
    }),
  ];
  return routes as unknown as RouteDef<never, never, never>[];
}

/** The session as the client sees it. */
function describeSession(ctx: SecurityContext, session: NonNullable<ReturnType<typeof sessionOf>>) {
  const role = session.role;
  const expiry = ctx.sessions.expiry(session);
  const ownOnly = role === 'case_manager' && ctx.config.caseManagerScope === 'own';
  return {
    user: { username: session.username, role, roleLabel: roleLabels[role], caseManagerId: session.caseManagerId },
    csrfToken: ctx.sessions.csrfToken(session),
    expires: { idle: new Date(expiry.idle).toISOString(), absolute: new Date(expiry.absolute).toISOString() },
    suppression: suppressedRoles.includes(role) ? { threshold: ctx.config.smallCellThreshold } : null,
    caseManagerScope: role === 'case_manager' ? ctx.config.caseManagerScope : null,
    can: {
      patients: role === 'admin' || role === 'case_manager',
      drill: role === 'admin' || (role === 'case_manager' && !ownOnly),
      dataQuality: role === 'admin',
      admin: role === 'admin',
    },
  };
}

