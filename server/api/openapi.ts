/** The OpenAPI 3.1 document, generated from the route declarations and their zod schemas. */
import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { ARROW_STREAM } from './arrow.ts';

type JsonSchema = { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[]; [k: string]: unknown };
type AnyRoute = RouteDef<never, never, never>;

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): object[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

const tableBody = {
  type: 'object',
  required: ['total', 'page', 'pageSize', 'rows'],
  properties: { total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' }, rows: { type: 'array', items: { type: 'object' } } },
};

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorBody } } });

function okOf(route: AnyRoute): [string, object] {
  switch (route.returns) {
    case 'table':
      return ['200', { description: 'A page of rows (JSON), or the rows as an Arrow IPC stream when Accept asks for it; X-Total-Count gives the total.', content: { 'application/json': { schema: tableBody }, [ARROW_STREAM]: { schema: { type: 'string', contentMediaType: ARROW_STREAM } } } }];
    case 'spec':
      return ['200', { description: 'A complete Vega-Lite spec (TopLevelSpec) with its data inline as named datasets.', content: { 'application/json': { schema: { type: 'object', description: 'Vega-Lite v6 TopLevelSpec, see https://vega.github.io/schema/vega-lite/v6.json' } } } }];
    case 'csv':
      return ['200', { description: 'CSV text (RFC 4180) as an attachment.', content: { 'text/csv': { schema: { type: 'string' } } } }];
    case 'empty':
      return ['204', { description: 'Done.' }];
    default:
      return ['200', { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } }];
  }
}

function responsesOf(route: AnyRoute): object {
  const [status, ok] = okOf(route);
  return {
    [route.status ?? status]: ok,
    400: error('Invalid parameters; each issue names the parameter.'),
    ...(route.access !== 'public' ? { 401: error('No valid session: sign in first.'), 403: error('Signed in, but this role may not call this route (or the patient is outside the caseload).') } : {}),
    ...(route.params ? { 404: error('Not found.') } : {}),
    ...(route.conflict ? { 409: error(route.conflict) } : {}),
    ...(route.method && route.method !== 'get' ? { 413: error('Body too large.'), 415: error('Body is not JSON.') } : {}),
    500: error('Internal error (no details are sent).'),
  };
}

/** Builds the document for `routes` mounted under `/api`. */
export function openApiDocument(routes: AnyRoute[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const method = route.method ?? 'get';
    const name = route.path.replace(/[/:.-](\w)/g, (_, c: string) => c.toUpperCase());
    paths[path] ??= {};
    paths[path][method] = {
      operationId: `${method}${name}`,
      summary: route.summary,
      tags: [route.tag],
      'x-access': route.access,
      ...(route.access === 'public' ? { security: [] } : {}),
      parameters: [...parametersOf(route.params as z.ZodType | undefined, 'path'), ...parametersOf(route.query as z.ZodType | undefined, 'query')],
      ...(route.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(route.body as z.ZodType, { io: 'input', unrepresentable: 'any' }) } } } }
        : {}),
      responses: responsesOf(route),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Caseload API',
      version,
      description:
        'Population-health outcomes for case-management programs. Access levels (x-access): public; aggregate (counts and rates, small cells suppressed for quality and executive roles); patient (person-level data, PHI, audited; admin and case_manager); admin. Sign in with POST /api/auth/login; state-changing requests need the X-CSRF-Token header from GET /api/auth/session.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'caseload_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
