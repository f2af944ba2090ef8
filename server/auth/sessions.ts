/**
 * Server-side sessions, kept in memory. Why memory and not a DuckDB table: the server is
 * one process (DuckDB admits one writer), every request refreshes the idle timer (a write
 * per request to the analytic file would be waste), sessions live 12 hours at most, and a
 * restart signing everybody out is the safe failure. The cookie holds only a random
 * 256-bit token; the store keys sessions by an HMAC of it, so the map never holds a usable token.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from './roles.ts';

export interface Session {
  key: string;
  username: string;
  role: Role;
  caseManagerId: string | null;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  /** Sign out after this long without a request (ms). */
  idleMs: number;
  /** Sign out this long after sign-in whatever happens (ms). */
  absoluteMs: number;
  /** Most sessions kept at once; the oldest are dropped beyond it. */
  maxSessions?: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly secret: Buffer,
    readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.sweep(), 60_000);
    this.timer.unref();
  }

  private keyOf(token: string): string {
    return createHmac('sha256', this.secret).update(`session:${token}`).digest('base64url');
  }

  /** Starts a session; returns the token for the cookie. */
  create(user: { username: string; role: Role; caseManagerId: string | null }): { token: string; session: Session } {
    const token = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: Session = { key: this.keyOf(token), username: user.username, role: user.role, caseManagerId: user.caseManagerId, createdAt: at, lastSeenAt: at };
    this.sessions.set(session.key, session);
    const max = this.limits.maxSessions ?? 10_000;
    while (this.sessions.size > max) this.sessions.delete(this.sessions.keys().next().value!);
    return { token, session };
  }

  /** The live session of a token, its idle timer refreshed; undefined when unknown or expired (an expired one is removed). */
  touch(token: string | undefined): Session | undefined {
    if (!token || token.length > 100) return undefined;
    const key = this.keyOf(token);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const at = this.now();
    if (this.expired(session, at)) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = at;
    return session;
  }

  private expired(session: Session, at: number): boolean {
    return at - session.lastSeenAt > this.limits.idleMs || at - session.createdAt > this.limits.absoluteMs;
  }

  /** Ends one session. */
  destroy(key: string): void {
    this.sessions.delete(key);
  }

  /** Ends every session of a user (removed, password changed). */
  destroyUser(username: string): number {
    let n = 0;
    for (const [key, session] of this.sessions) {
      if (session.username === username) {
        this.sessions.delete(key);
        n++;
      }
    }
    return n;
  }

  /** The anti-CSRF token of a session: an HMAC of its key, sent by the client in X-CSRF-Token. */
  csrfToken(session: Session): string {
    return createHmac('sha256', this.secret).update(`csrf:${session.key}`).digest('base64url');
  }

  /** Constant-time check of a request's CSRF token against the session's. */
  checkCsrf(session: Session, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(session));
    const actual = Buffer.from(token);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** When the session ends if idle from now, and at the latest (ms since epoch). */
  expiry(session: Session): { idle: number; absolute: number } {
    return { idle: session.lastSeenAt + this.limits.idleMs, absolute: session.createdAt + this.limits.absoluteMs };
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drops expired sessions. */
  sweep(): void {
    const at = this.now();
    for (const [key, session] of this.sessions) if (this.expired(session, at)) this.sessions.delete(key);
  }

  close(): void {
    clearInterval(this.timer);
    this.sessions.clear();
  }
}
