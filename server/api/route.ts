/**
 * How a route is declared: path, who may call it, its zod schemas and its handler. The
 * access level lives here, on the declaration, so sign-in and role checks can be added in
 * one place (createApp's `authorize` option) without touching handlers.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Database } from '../engine/db.ts';
import type { Row } from '../engine/db.ts';

/**
 * Who may call a route:
 * - `public`: anyone (health, the OpenAPI document);
 * - `aggregate`: counts and rates only, no person-level data (all signed-in roles);
 * - `patient`: person-level rows (PHI): admin and case_manager only.
 */
export type Access = 'public' | 'aggregate' | 'patient';

export interface RouteContext<Q, P> {
  db: Database;
  query: Q;
  params: P;
  req: Request;
  res: Response;
}

export interface RouteDef<Q = unknown, P = unknown> {
  path: string;
  tag: string;
  summary: string;
  access: Access;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** Response kinds for the OpenAPI document: a JSON body, a paged table (JSON or Arrow IPC), or a Vega-Lite spec. */
  returns: 'json' | 'table' | 'spec';
  handler: (ctx: RouteContext<Q, P>) => Promise<unknown>;
}

/** Declares a GET route; the types of `query` and `params` follow from the schemas. */
export function defineRoute<Q = Record<string, never>, P = Record<string, never>>(def: RouteDef<Q, P>): RouteDef<Q, P> {
  return def;
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

/** Thrown by handlers for a missing resource (404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}
