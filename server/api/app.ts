/**
 * The HTTP application: the JSON/Arrow API under /api and, when given, the built client
 * with a single-page fallback. Routes come from routes/index.ts (plus `options.routes`,
 * e.g. sign-in and administration); each declares its access level, and `authorize` turns
 * that into middleware (sign-in, roles). `check` runs after parameters are parsed (caseload
 * scope) and `after` sees each result before it is sent (audit trail). Without these
 * options the app is unauthenticated: server/auth/secureApp.ts is what `serve` runs.
 *
 * Requests run on a pool of connections (pool.ts): a GET's queries in one transaction, so
 * one snapshot of the marts; POST and DELETE one at a time. Answers of aggregate GET routes
 * are cached per build generation (responseCache.ts).
 */
import express, { type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../engine/db.ts';
import { apiRoutes } from './routes/index.ts';
import { BadRequestError, ConflictError, CsvFile, ForbiddenError, isPhiRoute, NotFoundError, TablePage, UnauthorizedError, defineRoute, type RouteContext, type RouteDef } from './route.ts';
import { parseOrThrow, RequestError } from './validate.ts';
import { ARROW_STREAM, rowsToArrow } from './arrow.ts';
import { openApiDocument } from './openapi.ts';
import { emptyQuery } from './schemas.ts';
import { ConnectionPool } from './pool.ts';
import { buildGeneration, type BuildGeneration } from './generation.ts';
import { ResponseCache, responseKey } from './responseCache.ts';
import { suppressionOf } from './suppression/index.ts';

type AnyRoute = RouteDef<never, never, never>;
type AnyContext = RouteContext<never, never, never>;

export interface AppOptions {
  /** Folder of the built client (index.html and assets); omitted = API only. */
  clientDir?: string;
  /** Middleware run first for every request, API and client alike (request ids, logging, security headers). */
  first?: RequestHandler[];
  /** Middleware run before every API route (e.g. session parsing, CSRF checks). */
  before?: RequestHandler[];
  /** Middleware guarding one route, from its declared access level (sign-in, role checks). */
  authorize?: (route: AnyRoute) => RequestHandler[];
  /** Runs after the parameters are parsed and before the handler, in its transaction; throws to refuse (e.g. ForbiddenError). Not run for an answer served from the response cache (aggregate GET routes). */
  check?: (route: AnyRoute, ctx: AnyContext) => Promise<void>;
  /** Runs with the handler's result before it is sent; throws to send an error instead (the audit trail fails closed). Not run for an answer served from the response cache. */
  after?: (route: AnyRoute, ctx: AnyContext, result: unknown) => Promise<void>;
  /** Connections requests run on (default: a pool of DEFAULT_POOL_SIZE on `db`). */
  pool?: ConnectionPool;
  /** Cache of aggregate answers (default: a new one following `db`'s build generation); false = none. */
  responseCache?: ResponseCache | false;
  /** More routes mounted under /api after the data routes (sign-in, administration). */
  routes?: RouteDef<never, never, never>[];
  /** Largest JSON body accepted (default 16 kB). */
  bodyLimit?: string;
  /** Where unexpected errors are logged (default: stderr). */
  logError?: (error: unknown, req: Request) => void;
  version?: string;
}

/** Every route the app mounts for these options, in order (the OpenAPI document lists the same). */
export function routeTable(options: Pick<AppOptions, 'routes' | 'version'> = {}): AnyRoute[] {
  const routes = [...apiRoutes, ...(options.routes ?? [])];
  const openApi = defineRoute({
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This document.',
    access: 'aggregate',
    returns: 'json',
    query: emptyQuery,
    handler: async () => document,
  }) as unknown as AnyRoute;
  const all = [...routes, openApi];
  const document = openApiDocument(all, options.version ?? '0.1.0');
  return all;
}

/** Creates the Express app reading `db`. */
export function createApp(db: Database, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  for (const middleware of options.first ?? []) app.use(middleware);
  const api = express.Router();
  api.use(express.json({ limit: options.bodyLimit ?? '16kb', strict: true }));
  api.use((req, _res, next) => {
    if (req.method === 'POST' && req.headers['content-length'] !== '0' && !req.is('application/json')) {
      return next(Object.assign(new Error('POST bodies must be application/json'), { status: 415 }));
    }
    next();
  });
  for (const middleware of options.before ?? []) api.use(middleware);

  const routes = routeTable(options);
  app.locals.routes = routes;
  const generation = buildGeneration(db);
  const serving: Serving = {
    pool: options.pool ?? new ConnectionPool(db),
    generation,
    responses: options.responseCache === false ? null : (options.responseCache ?? new ResponseCache(generation)),
  };
  app.locals.serving = serving;
  for (const route of routes) mountRoute(api, serving, route, options);
  api.use((req, _res, next) => next(new NotFoundError(`no API route ${req.method} ${req.path}`)));
  app.use('/api', api);

  if (options.clientDir && existsSync(join(options.clientDir, 'index.html'))) {
    const index = join(options.clientDir, 'index.html');
    app.use(express.static(options.clientDir, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
  }
  app.use(errorHandler(options.logError ?? ((error) => console.error(error))));
  return app;
}

/** How requests reach the data: the connection pool, the build generation and the answer cache. */
export interface Serving {
  pool: ConnectionPool;
  generation: BuildGeneration;
  responses: ResponseCache | null;
}

/** True for routes whose answers are cached per build: GET, aggregate (no person-level data, not audited), JSON. */
export function isCacheableRoute(route: AnyRoute): boolean {
  return (route.method ?? 'get') === 'get' && route.access === 'aggregate' && !isPhiRoute(route) && (route.returns === 'json' || route.returns === 'spec');
}

function mountRoute(router: express.Router, serving: Serving, route: AnyRoute, options: AppOptions): void {
  const guards = options.authorize?.(route) ?? [];
  const reads = (route.method ?? 'get') === 'get';
  const cacheable = serving.responses !== null && isCacheableRoute(route);
  router[route.method ?? 'get'](route.path, ...guards, async (req, res) => {
    res.locals.route = route;
    const params = route.params ? parseOrThrow(route.params, req.params, 'path') : ({} as never);
    const query = route.query ? parseOrThrow(route.query, req.query, 'query') : ({} as never);
    const body = route.body ? parseOrThrow(route.body, req.body ?? {}, 'body') : (undefined as never);
    if (route.access !== 'public' && route.access !== 'aggregate') res.set('Cache-Control', 'no-store');
    const answer = async (db: Database) => {
      const ctx = { db, query, params, body, req, res } as AnyContext;
      await options.check?.(route, ctx);
      return { ctx, result: await route.handler(ctx) };
    };
    if (cacheable) {
      const generation = serving.generation.current;
      const key = responseKey(route.path, params, query, suppressionOf(res));
      const cached = await serving.responses!.get(generation, key, async () => {
        const { ctx, result } = await serving.pool.read(answer);
        await options.after?.(route, ctx, result);
        return Buffer.from(JSON.stringify(result));
      });
      res.set({ 'Content-Type': 'application/json; charset=utf-8', ETag: cached.etag }).send(cached.body);
      return;
    }
    const { ctx, result } = reads ? await serving.pool.read(answer) : await serving.pool.write(answer);
    await options.after?.(route, ctx, result);
    if (result instanceof TablePage) {
      res.set('X-Total-Count', String(result.total));
      if (req.accepts(['application/json', ARROW_STREAM]) === ARROW_STREAM) {
        res.set('X-Page', String(result.page)).set('X-Page-Size', String(result.pageSize));
        res.type(ARROW_STREAM).send(Buffer.from(rowsToArrow(result.rows)));
        return;
      }
    }
    if (result instanceof CsvFile) {
      res.type('text/csv; charset=utf-8').attachment(result.fileName).send(result.text);
      return;
    }
    if (route.returns === 'empty') {
      res.status(204).end();
      return;
    }
    if (route.status) res.status(route.status);
    res.json(result);
  });
}

const clientErrors: Record<number, string> = {
  400: 'Bad request',
  413: 'Request body too large',
  415: 'Unsupported media type: send JSON',
  429: 'Too many requests; try again later',
};

function errorHandler(logError: (error: unknown, req: Request) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof RequestError) {
      res.status(400).json({ error: 'Invalid request parameters', issues: error.issues });
    } else if (error instanceof BadRequestError) {
      res.status(400).json({ error: error.message });
    } else if (error instanceof UnauthorizedError) {
      res.status(401).json({ error: error.message });
    } else if (error instanceof ForbiddenError) {
      res.status(403).json({ error: error.message });
    } else if (error instanceof NotFoundError) {
      res.status(404).json({ error: error.message });
    } else if (error instanceof ConflictError) {
      res.status(409).json({ error: error.message });
    } else if (error && typeof error === 'object' && 'status' in error && Number(error.status) >= 400 && Number(error.status) < 500) {
      const status = Number(error.status);
      res.status(status).json({ error: clientErrors[status] ?? 'Bad request' });
    } else {
      logError(error, req);
      if (!res.headersSent) res.status(500).json({ error: 'Internal error' });
    }
  };
}
