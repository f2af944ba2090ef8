/**
 * Live rebuild of the marts while the server answers requests. The build
 * (server/pipeline/build.ts) runs on a connection of its own and publishes the new marts
 * in one transaction (its intermediate relations are TEMP tables of that connection);
 * readers keep their snapshot of the old marts until it commits, and requests that start
 * after the commit see only the new ones. After the commit the build generation advances,
 * which drops every cached answer. One rebuild at a time.
 */
import type { Database } from '../engine/db.ts';
import { buildGeneration } from './generation.ts';

export type RebuildState = 'idle' | 'running' | 'succeeded' | 'failed';

export interface RebuildStatus {
  state: RebuildState;
  /** Who asked: a user name, or "SIGHUP". */
  requestedBy: string | null;
  /** The data_through asked for (YYYY-MM-DD); null = the latest claim or encounter. */
  dataThrough: string | null;
  /** The data_through of the finished build. */
  builtThrough: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** Why the last rebuild failed, with quoted values blanked (they could be data). */
  error: string | null;
  /** The build generation being served (advances after every successful rebuild). */
  generation: number;
}

export interface RebuildRequest {
  dataThrough?: string;
  requestedBy: string | null;
}

/** Thrown by start() while a rebuild is running. */
export class RebuildRunningError extends Error {
  constructor() {
    super('A rebuild is already running; wait for it to finish.');
    this.name = 'RebuildRunningError';
  }
}

/** Builds the marts on a connection (default: buildDatabase from server/pipeline). */
export type BuildRunner = (db: Database, options: { dataThrough?: string }) => Promise<{ dataThrough: string }>;

const defaultRunner: BuildRunner = async (db, options) => {
  const { buildDatabase } = await import('../pipeline/build.ts');
  return buildDatabase(db, options);
};

/** A build error as shown to admins and logs: one line, quoted values blanked, at most 500 characters. */
export function safeErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/'[^']*'|"[^"]*"/g, "'…'").replace(/\s+/g, ' ').trim().slice(0, 500);
}

export class MartRebuilder {
  private current: Omit<RebuildStatus, 'generation'> = {
    state: 'idle', requestedBy: null, dataThrough: null, builtThrough: null, startedAt: null, finishedAt: null, durationMs: null, error: null,
  };
  private running: Promise<void> | null = null;
  private connection: Database | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly options: { runner?: BuildRunner; onFinish?: (status: RebuildStatus) => void } = {},
  ) {}

  /** The last or running rebuild. */
  status(): RebuildStatus {
    return { ...this.current, generation: buildGeneration(this.db).current };
  }

  /** Starts a rebuild in the background and returns its status; throws RebuildRunningError while one runs. */
  start(request: RebuildRequest): RebuildStatus {
    if (this.closed) throw new Error('the server is shutting down');
    if (this.running) throw new RebuildRunningError();
    const started = performance.now();
    this.current = {
      state: 'running', requestedBy: request.requestedBy, dataThrough: request.dataThrough ?? null, builtThrough: null,
      startedAt: new Date().toISOString(), finishedAt: null, durationMs: null, error: null,
    };
    this.running = this.run(request, started).finally(() => {
      this.running = null;
    });
    return this.status();
  }

  /** Resolves when the running rebuild (if any) has finished. */
  async finished(): Promise<RebuildStatus> {
    await this.running;
    return this.status();
  }

  /** Refuses new rebuilds, interrupts a running one (it rolls back) and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    this.connection?.connection.interrupt();
    await this.running;
  }

  private async run(request: RebuildRequest, started: number): Promise<void> {
    const runner = this.options.runner ?? defaultRunner;
    let outcome: Pick<RebuildStatus, 'state' | 'builtThrough' | 'error'>;
    try {
      this.connection = await this.db.connect();
      const summary = await runner(this.connection, { dataThrough: request.dataThrough });
      buildGeneration(this.db).advance();
      outcome = { state: 'succeeded', builtThrough: summary.dataThrough, error: null };
    } catch (error) {
      outcome = { state: 'failed', builtThrough: null, error: safeErrorMessage(error) };
    } finally {
      this.connection?.close();
      this.connection = null;
    }
    this.current = { ...this.current, ...outcome, finishedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - started) };
    try {
      this.options.onFinish?.(this.status());
    } catch {
      // a failing listener must not make the rebuild look failed
    }
  }
}
