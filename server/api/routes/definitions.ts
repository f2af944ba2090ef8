/** The definitions panel's content. */
import { defineRoute } from '../route.ts';
import { emptyQuery } from '../schemas.ts';
import { definitions } from '../definitions.ts';

export const definitionRoutes = [
  defineRoute({
    path: '/definitions',
    tag: 'definitions',
    summary: 'Plain-language definitions of every measure and concept (from MEASURES.md).',
    access: 'aggregate',
    returns: 'json',
    query: emptyQuery,
    handler: async () => ({ definitions }),
  }),
];
