/** Content: the files staff write, validated. */
export { loadContent, checkContent, countedPart, countedFingerprint, splitFrontMatter, incidentFrom, maintenanceFrom, type CheckResult, type EntryFile, type LoadOptions } from './load';
export { ContentError, formatProblem, type Problem } from './problems';
export { oneLine, withoutForbiddenCharacters } from './text';
export { renderMarkdown, markdownToText, nestHeadings } from './markdown';
export * from './schema';
export * from './fields';
export { checkIdOf, envReference, ownCheck, providerCheck, type Check, type DnsCheck, type HttpCheck, type Monitoring, type Provider, type StatuspageCheck, type TcpCheck, type TlsCheck, type Webhook } from './check-schema';
export { reportRules, type ReportRules } from './reports-schema';
