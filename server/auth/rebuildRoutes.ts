/**
 * Live rebuild of the marts from the Admin page: POST starts one (202; 409 while one runs),
 * GET tells how it went. Admins only; the POST is CSRF-checked like every POST and written
 * to the audit trail (and so is how it finished, by secureApp).
 */
import { z } from 'zod';
import { ConflictError, defineRoute, type RouteDef } from '../api/route.ts';
import { emptyQuery } from '../api/schemas.ts';
import { readBuildInfo } from '../api/period.ts';
import { RebuildRunningError, type MartRebuilder, type RebuildStatus } from '../api/rebuild.ts';
import { requestFields, sessionOf, type SecurityContext } from './context.ts';

const calendarDay = z
  .string()
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date as YYYY-MM-DD')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, 'no such day');

export const rebuildBody = z.object({
  dataThrough: calendarDay.optional().describe('Last date the data is complete for; default: the latest claim or encounter end date.'),
});

/** GET and POST /admin/rebuild for one server. */
export function rebuildRoutes(ctx: SecurityContext, rebuilder: MartRebuilder): RouteDef<never, never, never>[] {
  const routes = [
    defineRoute({
      path: '/admin/rebuild',
      tag: 'admin',
      summary: 'The last or running rebuild of the marts (idle, running, succeeded or failed; when, how long, why it failed) and the build being served.',
      access: 'admin',
      returns: 'json',
      query: emptyQuery,
      handler: async ({ db }) => ({ ...rebuilder.status(), build: await readBuildInfo(db) }),
    }),
    defineRoute({
      method: 'post',
      path: '/admin/rebuild',
      tag: 'admin',
      summary: 'Rebuilds the marts from the ingested data while the server keeps answering (202); readers switch to the new marts at once when the build commits. 409 while a rebuild runs.',
      access: 'admin',
      status: 202,
      conflict: 'A rebuild is already running.',
      returns: 'json',
      query: emptyQuery,
      body: rebuildBody,
      handler: async ({ body, req, res }) => {
        let status: RebuildStatus;
        try {
          status = rebuilder.start({ dataThrough: body.dataThrough, requestedBy: sessionOf(res)?.username ?? null });
        } catch (error) {
          if (error instanceof RebuildRunningError) throw new ConflictError(error.message);
          throw error;
        }
        await ctx.audit.append({ ...requestFields(req, res), event: 'rebuild', route: 'POST /admin/rebuild', status: 202, params: { dataThrough: body.dataThrough ?? null } });
        return status;
      },
    }),
  ];
  return routes as unknown as RouteDef<never, never, never>[];
}
