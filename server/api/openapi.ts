/** The OpenAPI 3.1 document, generated from the route declarations and their zod schemas. */
import { z } from 'zod';
import type { RouteDef } from './route.ts';
import { ARROW_STREAM } from './arrow.ts';

type JsonSchema = { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[]; [k: string]: unknown };

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

function responsesOf(route: RouteDef<never, never>): object {
  const ok =
    route.returns === 'table'
      ? { description: 'A page of rows (JSON), or the rows as an Arrow IPC stream when Accept asks for it; X-Total-Count gives the total.', content: { 'application/json': { schema: tableBody }, [ARROW_STREAM]: { schema: { type: 'string', contentMediaType: ARROW_STREAM } } } }
      : route.returns === 'spec'
        ? { description: 'A complete Vega-Lite spec (TopLevelSpec) with its data inline as named datasets.', content: { 'application/json': { schema: { type: 'object', description: 'Vega-Lite v6 TopLevelSpec, see https://vega.github.io/schema/vega-lite/v6.json' } } } }
        : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } };
  return {
    200: ok,
    400: { description: 'Invalid parameters; each issue names the parameter.', content: { 'application/json': { schema: errorBody } } },
    ...(route.params ? { 404: { description: 'Not found.', content: { 'application/json': { schema: errorBody } } } } : {}),
    500: { description: 'Internal error (no details are sent).', content: { 'application/json': { schema: errorBody } } },
  };
}

/** Builds the document for `routes` mounted under `/api`. */
export function openApiDocument(routes: RouteDef<never, never>[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    paths[path] = {
      get: {
        operationId: `get${route.path.replace(/[/:-](\w)/g, (_, c: string) => c.toUpperCase())}`,
        summary: route.summary,
        tags: [route.tag],
        'x-access': route.access,
        parameters: [...parametersOf(route.params as z.ZodType | undefined, 'path'), ...parametersOf(route.query as z.ZodType | undefined, 'query')],
        responses: responsesOf(route),
      },
    };
  }
  paths['/api/openapi.json'] = {
    get: { operationId: 'getOpenapi', summary: 'This document.', tags: ['meta'], 'x-access': 'public', responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Caseload API',
      version,
      description: 'Population-health outcomes for case-management programs. Access levels (x-access): public; aggregate (counts and rates); patient (person-level data, PHI).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    paths,
  };
}
