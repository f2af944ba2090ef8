/** What the sign-in, role, scope and audit middleware share for one running server. */
import type { Request, Response } from 'express';
import type { Database } from '../engine/db.ts';
import type { SecurityConfig } from './config.ts';
import type { SessionStore, Session } from './sessions.ts';
import type { AuditEntry, AuditLog } from './audit.ts';

export interface SecurityContext {
  db: Database;
  config: SecurityConfig;
  sessions: SessionStore;
  audit: AuditLog;
}

/** The request's session, set by the session middleware; undefined when signed out. */
export function sessionOf(res: Response): Session | undefined {
  return res.locals.session as Session | undefined;
}

/** Audit fields every entry about a request shares: who, from where, which request. */
export function requestFields(req: Request, res: Response): Pick<AuditEntry, 'username' | 'role' | 'requestId' | 'clientIp'> {
  const session = sessionOf(res);
  return { username: session?.username ?? null, role: session?.role ?? null, requestId: (res.locals.requestId as string | undefined) ?? null, clientIp: req.ip ?? null };
}
