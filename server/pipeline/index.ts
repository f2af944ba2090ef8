export { buildDatabase, pipelineVersion, type BuildOptions, type BuildSummary, type BuiltRelation } from './build.ts';
export { loadRelations, defaultSqlDir, type SqlRelation } from './sqlFiles.ts';
