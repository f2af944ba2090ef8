/**
 * How a route is declared: method, path, who may call it, its zod schemas and its handler.
 * The access level lives here, on the declaration, so sign-in, role checks and the audit
 * trail are added in one place (createApp's `authorize` option) without touching handlers.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Database } from '../engine/db.ts';
import type { Row } from '../engine/db.ts';

/**
 * Who may call a route:
 * - `public`: anyone (health, sign-in);
 * - `aggregate`: counts and rates only, no person-level data (all signed-in roles; small
 *   cells suppressed for quality and executive);
 * - `patient`: person-level rows (PHI): admin and case_manager only, every read audited;
 * - `admin`: administration (users, the audit trail, data quality): admin only.
 */
export type Access = 'public' | 'aggregate' | 'patient' | 'admin';

/**
 * What a case manager limited to their own caseload (caseManagerScope 'own') may do with a
 * patient route: `caseload` lists are narrowed to their caseManager id, `person` routes
 * answer only for their own patients or patients on the case-finding list, `open` routes
 * (case finding) are unrestricted. A patient route without it is closed to them.
 */
export type OwnScope = 'caseload' | 'person' | 'open';

export interface RouteContext<Q, P, B = unknown> {
  db: Database;
  query: Q;
  params: P;
  body: B;
  req: Request;
  res: Response;
}

export interface RouteDef<Q = unknown, P = unknown, B = unknown> {
  /** HTTP method; default GET. */
  method?: 'get' | 'post' | 'delete';
  path: string;
  tag: string;
  summary: string;
  access: Access;
  /** The route reads PHI: every call is written to the audit trail (default: access is 'patient'). */
  phi?: boolean;
  ownScope?: OwnScope;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** JSON body schema (POST). */
  body?: z.ZodType<B>;
  /** Status of a successful answer when it is not 200/204 (e.g. 202 Accepted): set on the response and in the OpenAPI document. */
  status?: number;
  /** When the route answers 409 Conflict (for the OpenAPI document). */
  conflict?: string;
  /** Response kinds for the OpenAPI document: a JSON body, a paged table (JSON or Arrow IPC), a Vega-Lite spec, CSV text, or nothing (204). */
  returns: 'json' | 'table' | 'spec' | 'csv' | 'empty';
  handler: (ctx: RouteContext<Q, P, B>) => Promise<unknown>;
}

/** Declares a route; the types of `query`, `params` and `body` follow from the schemas. */
export function defineRoute<Q = Record<string, never>, P = Record<string, never>, B = undefined>(def: RouteDef<Q, P, B>): RouteDef<Q, P, B> {
  return def;
}

/** True when calls to the route are written to the audit trail. */
export function isPhiRoute(route: RouteDef<never, never, never>): boolean {
  return route.phi ?? route.access === 'patient';
}

/** A page of rows, sent as JSON or, when the client accepts it, as an Arrow IPC stream. */
export class TablePage {
  constructor(
    readonly rows: Row[],
    readonly total: number,
    readonly page: number,
    readonly pageSize: number,
  ) {}

  toJSON(): { total: number; page: number; pageSize: number; rows: Row[] } {
    return { total: this.total, page: this.page, pageSize: this.pageSize, rows: this.rows };
  }
}

/** A CSV download. */
export class CsvFile {
  constructor(
    readonly text: string,
    readonly fileName: string,
    readonly rows: number,
  ) {}
}

/** Thrown by handlers for a missing resource (404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Thrown for a request that cannot be done as asked (400); the message is safe to show. */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}

/** Thrown for a request the caller may not make (403); the message is safe to show. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Thrown for a request that clashes with work in progress (409), e.g. a second rebuild; the message is safe to show. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Thrown for a request without a valid session (401). */
export class UnauthorizedError extends Error {
  constructor(message = 'Sign-in required') {
    super(message);
    this.name = 'UnauthorizedError';
  }
}
