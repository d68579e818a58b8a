/** Content: the files staff write, validated. */
export { loadContent, checkContent, splitFrontMatter, incidentFrom, maintenanceFrom, type CheckResult, type EntryFile, type LoadOptions } from './load';
export { ContentError, formatProblem, type Problem } from './problems';
export { renderMarkdown, markdownToText } from './markdown';
export * from './schema';
export * from './fields';
export { checkIdOf, type Check, type Monitoring } from './check-schema';
