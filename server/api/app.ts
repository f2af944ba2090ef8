/**
 * The HTTP application: the JSON/Arrow API under /api and, when given, the built client
 * with a single-page fallback. Routes come from routes/index.ts; each declares its access
 * level, and `authorize` turns that into middleware (sign-in and roles, issue 5).
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../engine/db.ts';
import { apiRoutes } from './routes/index.ts';
import { NotFoundError, TablePage, type RouteDef } from './route.ts';
import { parseOrThrow, RequestError } from './validate.ts';
import { ARROW_STREAM, rowsToArrow } from './arrow.ts';
import { openApiDocument } from './openapi.ts';

export interface AppOptions {
  /** Folder of the built client (index.html and assets); omitted = API only. */
  clientDir?: string;
  /** Middleware run before every API route (e.g. session parsing). */
  before?: RequestHandler[];
  /** Middleware guarding one route, from its declared access level (sign-in, role checks, audit). */
  authorize?: (route: RouteDef<never, never>) => RequestHandler[];
  /** Switch small-cell suppression on for every request (the role check may set res.locals.suppressSmallCells instead). */
  suppressSmallCells?: boolean;
  /** Where unexpected errors are logged (default: stderr). */
  logError?: (error: unknown) => void;
  version?: string;
}

/** Creates the Express app reading `db`. */
export function createApp(db: Database, options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  const api = express.Router();
  if (options.suppressSmallCells) {
    api.use((_req, res, next) => {
      res.locals.suppressSmallCells = true;
      next();
    });
  }
  for (const middleware of options.before ?? []) api.use(middleware);

  const document = openApiDocument(apiRoutes, options.version ?? '0.1.0');
  api.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  for (const route of apiRoutes) mountRoute(api, db, route, options);
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

function mountRoute(router: express.Router, db: Database, route: RouteDef<never, never>, options: AppOptions): void {
  const guards = options.authorize?.(route) ?? [];
  router.get(route.path, ...guards, async (req, res) => {
    const params = route.params ? parseOrThrow(route.params, req.params, 'path') : ({} as never);
    const query = route.query ? parseOrThrow(route.query, req.query, 'query') : ({} as never);
    if (route.access === 'patient') res.set('Cache-Control', 'no-store');
    const result = await route.handler({ db, query, params, req, res });
    if (result instanceof TablePage) {
      res.set('X-Total-Count', String(result.total));
      if (req.accepts(['application/json', ARROW_STREAM]) === ARROW_STREAM) {
        res.set('X-Page', String(result.page)).set('X-Page-Size', String(result.pageSize));
        res.type(ARROW_STREAM).send(Buffer.from(rowsToArrow(result.rows)));
        return;
      }
    }
    res.json(result);
  });
}

function errorHandler(logError: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof RequestError) {
      res.status(400).json({ error: 'Invalid request parameters', issues: error.issues });
    } else if (error instanceof NotFoundError) {
      res.status(404).json({ error: error.message });
    } else if (error && typeof error === 'object' && 'status' in error && Number(error.status) >= 400 && Number(error.status) < 500) {
      res.status(Number(error.status)).json({ error: 'Bad request' });
    } else {
      logError(error);
      res.status(500).json({ error: 'Internal error' });
    }
  };
}
