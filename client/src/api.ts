/** Fetching from the API: JSON or Arrow IPC, with loading and error state for views. */
import { useEffect, useState } from 'react';
import { tableFromIPC } from 'apache-arrow';

export type Params = Record<string, string | number | undefined | null>;

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly issues: { path: string; message: string }[] = []) {
    super(message);
  }
}

/** `/api/<path>?<params>`, leaving out empty parameters. */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== '') search.set(key, String(value));
  const qs = search.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

/** The session's anti-CSRF token, sent with every POST and DELETE (set by the auth provider). */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Fired when the server answers 401: the session ended (idle or absolute expiry, sign-out elsewhere). */
export const SIGNED_OUT_EVENT = 'caseload:signed-out';

async function failure(response: Response, announce = true): Promise<ApiError> {
  if (response.status === 401 && announce) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  const body = await response.json().catch(() => ({}));
  const issues = Array.isArray(body.issues) ? body.issues : [];
  const detail = issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError(`${body.error ?? response.statusText}${detail ? ` (${detail})` : ''}`, response.status, issues);
}

export async function getJson<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const response = await fetch(apiUrl(path, params), { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return response.json() as Promise<T>;
}

/** POST (or DELETE) JSON with the CSRF token; resolves with the JSON answer, or null for 204. */
export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(apiUrl(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw await failure(response, path !== '/auth/login');
  return response.status === 204 ? null : ((await response.json()) as T);
}

export interface TablePage<R = Record<string, unknown>> {
  total: number;
  page: number;
  pageSize: number;
  rows: R[];
}

/** A paged table as an Arrow IPC stream (the format for patient lists), decoded to plain rows. */
export async function getArrowPage<R = Record<string, unknown>>(path: string, params: Params = {}, signal?: AbortSignal): Promise<TablePage<R>> {
  const response = await fetch(apiUrl(path, params), { signal, headers: { accept: 'application/vnd.apache.arrow.stream' } });
  if (!response.ok) throw await failure(response);
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
  const rows = table.toArray().map((row) => plain(row.toJSON()) as R);
  return {
    total: Number(response.headers.get('X-Total-Count') ?? rows.length),
    page: Number(response.headers.get('X-Page') ?? 1),
    pageSize: Number(response.headers.get('X-Page-Size') ?? rows.length),
    rows,
  };
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toArray' in value && typeof (value as { toArray: unknown }).toArray === 'function') {
    return Array.from((value as { toArray(): unknown[] }).toArray(), plain);
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: ApiError | Error } | { status: 'ready'; data: T };

/** Loads `load()` whenever `key` changes, aborting the previous request; stale data is never shown for a new key. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [state, setState] = useState<{ key: string; value: Loadable<T> }>({ key, value: { status: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    setState({ key, value: { status: 'loading' } });
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, value: { status: 'ready', data } }),
      (error: Error) => !controller.signal.aborted && setState({ key, value: { status: 'error', error } }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}

/** GET JSON whenever the path or parameters change. */
export function useJson<T>(path: string | null, params: Params = {}): Loadable<T> {
  return useLoad(path ? apiUrl(path, params) : '', (signal) => (path ? getJson<T>(path, params, signal) : new Promise<T>(() => {})));
}
