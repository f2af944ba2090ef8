/**
 * Answers of aggregate routes (counts and rates, never person-level data) kept per build:
 * the marts only change at a rebuild, so the same request under the same suppression gets
 * the same bytes until then. Entries are filed under the build generation the request read
 * before its transaction; only entries of the current generation are served, and all are
 * dropped when a rebuild commits. Concurrent identical misses share one computation.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { BuildGeneration } from './generation.ts';
import type { SuppressionPolicy } from './suppression/index.ts';

export interface ResponseCacheLimits {
  /** Most answers kept (default 5,000). */
  maxEntries?: number;
  /** Most bytes of answers kept (default 128 MiB); a larger answer is not kept. */
  maxBytes?: number;
}

/** A kept answer: its bytes and their weak ETag (as Express would make it, computed once). */
export interface CachedAnswer {
  body: Buffer;
  etag: string;
}

function answerOf(body: Buffer): CachedAnswer {
  return { body, etag: `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"` };
}

export class ResponseCache {
  private readonly entries: LRUCache<string, CachedAnswer>;
  private readonly inFlight = new Map<string, Promise<CachedAnswer>>();
  private readonly stopListening: () => void;
  private hitCount = 0;
  private missCount = 0;

  constructor(
    private readonly generation: BuildGeneration,
    limits: ResponseCacheLimits = {},
  ) {
    const maxBytes = limits.maxBytes ?? 128 * 2 ** 20;
    this.entries = new LRUCache<string, CachedAnswer>({ max: limits.maxEntries ?? 5000, maxSize: maxBytes, maxEntrySize: maxBytes / 4, sizeCalculation: (answer, key) => answer.body.length + key.length });
    this.stopListening = generation.onAdvance(() => this.clear());
  }

  /**
   * The answer for `key` made under `generation` (read before the request's transaction):
   * the cached bytes when that generation is still current, else `compute()`'s, which are
   * kept only if the generation is still current when they are ready.
   */
  async get(generation: number, key: string, compute: () => Promise<Buffer>): Promise<CachedAnswer> {
    const slot = `${generation}\u0000${key}`;
    if (generation === this.generation.current) {
      const hit = this.entries.get(slot);
      if (hit) {
        this.hitCount++;
        return hit;
      }
    }
    this.missCount++;
    const pending = this.inFlight.get(slot);
    if (pending) return pending;
    const work = compute().then((body) => {
      const answer = answerOf(body);
      if (generation === this.generation.current) this.entries.set(slot, answer);
      return answer;
    });
    this.inFlight.set(slot, work);
    const forget = () => this.inFlight.delete(slot);
    work.then(forget, forget);
    return work;
  }

  /** Drops every kept answer. */
  clear(): void {
    this.entries.clear();
  }

  /** Counts for tests and logs. */
  stats(): { entries: number; bytes: number; hits: number; misses: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize, hits: this.hitCount, misses: this.missCount };
  }

  /** Stops following the build generation and drops everything. */
  close(): void {
    this.stopListening();
    this.clear();
  }
}

/** Stable JSON: object keys sorted at every level, so equal parameters give equal keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key of an aggregate request: the route, its parsed (defaulted, validated) path
 * and query parameters, and the suppression applied to the caller's role. Nothing else in
 * an aggregate handler depends on who asks (routes/overview.ts, program.ts, evaluation.ts
 * and meta.ts read only the parameters and `res.locals.suppression`).
 */
export function responseKey(routePath: string, params: unknown, query: unknown, suppression: SuppressionPolicy | null): string {
  return canonical({ route: routePath, params: params ?? {}, query: query ?? {}, suppression });
}
