/**
 * Structured request logs with pino: one JSON line per request with a request id, the
 * route pattern (never the URL: paths carry patient ids and queries carry filters), the
 * status, the duration and who asked. Error messages are logged with quoted values blanked.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { RouteDef } from '../api/route.ts';
import type { Session } from './sessions.ts';

/** A JSON logger to stdout (or `destination`), at `level` (default info). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino({ level: options.level ?? 'info', base: { app: 'caseload' } }, options.destination);
}

/** The route pattern of a request, e.g. "GET /api/patients/:personId"; "GET (client)" for the web client. */
export function routeLabel(req: Request, route: RouteDef<never, never, never> | undefined): string {
  if (route) return `${req.method} /api${route.path}`;
  return `${req.method} ${req.originalUrl.startsWith('/api/') || req.originalUrl === '/api' ? '/api (no such route)' : '(client)'}`;
}

/** Assigns a request id (X-Request-Id) and logs the request when the response is finished. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const session = res.locals.session as Session | undefined;
      logger.info(
        {
          reqId: requestId,
          route: routeLabel(req, res.locals.route),
          status: res.statusCode,
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          user: session?.username ?? null,
          role: session?.role ?? null,
        },
        'request',
      );
    });
    next();
  };
}

/** Logs an unexpected error without the values it may quote. */
export function errorLogger(logger: Logger): (error: unknown, req: Request) => void {
  return (error, req) => {
    const err = error instanceof Error ? error : new Error(String(error));
    const redact = (text: string | undefined) => text?.replace(/'[^']*'|"[^"]*"/g, "'…'");
    logger.error({ reqId: req.res?.locals.requestId, route: routeLabel(req, req.res?.locals.route), err: { type: err.name, message: redact(err.message), stack: redact(err.stack) } }, 'unexpected error');
  };
}
