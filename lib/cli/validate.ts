import type { Command } from 'commander';
import { checkContent, formatProblem } from '../content';
import { EntryCache } from '../content/cache';
import { plural } from '../status';
import { contentOption } from './options';

/** `outpost validate`: every problem in content/, compiler-style; exit 1 when any. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check every file in content/ and print every problem, one line each.')
    .option(...contentOption)
    .option('--json', 'print the problems as JSON for tools')
    .addHelpText('after', '\nExample:\n  $ outpost validate\n  content/incidents/2026-03-14-api.md:4:9 impact: expected none | minor | major | critical, got "huge"')
    .action((options: { content: string; json?: boolean }) => {
      // With the entry cache: checking again (and `outpost build`, which checks through this command) parses only what changed.
      const { content, problems } = checkContent(options.content, { cache: EntryCache.of(options.content) });
      if (options.json) {
        console.log(JSON.stringify({ valid: problems.length === 0, problems }, null, 2));
      } else if (problems.length > 0) {
        for (const p of problems) console.error(formatProblem(p));
        console.error(`\n${plural(problems.length, 'problem')} found.`);
      } else {
        console.log(`content is valid: ${plural(content!.incidents.length, 'incident')}, ${plural(content!.maintenance.length, 'maintenance window')}, ${plural(content!.site.components.length, 'component')}.`);
      }
      process.exitCode = problems.length > 0 ? 1 : 0;
    });
}
