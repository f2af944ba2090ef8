/**
 * Every API route, by area. This list is what the app mounts and what the OpenAPI
 * document describes; each entry carries its access level (see route.ts).
 */
import type { RouteDef } from '../route.ts';
import { overviewRoutes } from './overview.ts';
import { programRoutes } from './program.ts';
import { patientRoutes } from './patients.ts';
import { drillRoutes } from './drill.ts';
import { dataQualityRoutes } from './dataQuality.ts';
import { definitionRoutes } from './definitions.ts';
import { metaRoutes } from './meta.ts';
import { evaluationRoutes } from './evaluation.ts';

export const apiRoutes = [
  ...metaRoutes,
  ...definitionRoutes,
  ...overviewRoutes,
  ...programRoutes,
  ...evaluationRoutes,
  ...patientRoutes,
  ...drillRoutes,
  ...dataQualityRoutes,
] as unknown as RouteDef<never, never, never>[];
