/** The session cookie: httpOnly, SameSite=Strict, Secure (with the __Host- prefix) when the request came over TLS. */
import type { CookieOptions, Request, Response } from 'express';
import { parse } from 'cookie';

const plainName = 'caseload_session';
const secureName = '__Host-caseload_session';

function options(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' };
}

/** The session token from the request's cookies, if any. */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header || header.length > 8192) return undefined;
  const cookies = parse(header);
  return cookies[secureName] ?? cookies[plainName];
}

/** Sets the session cookie (a browser-session cookie: the server enforces idle and absolute expiry). */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(req.secure ? secureName : plainName, token, options(req));
}

/** Clears the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(req.secure ? secureName : plainName, options(req));
}
