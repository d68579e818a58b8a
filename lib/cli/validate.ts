import type { Command } from 'commander';
import { checkContent, formatProblem } from '../content';
import { EntryCache } from '../content/cache';
import { plural } from '../status';
import { contentOption } from './options';

/** `outpost validate`: every problem in content/, compiler-style; exit 1 when any error, 0 with warnings only. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Check every file in content/ and print every problem, one line each.')
    .option(...contentOption)
    .option('--json', 'print the problems as JSON for tools')
    .addHelpText('after', '\nExample:\n  $ outpost validate\n  content/incidents/2026-03-14-api.md:4:9 impact: expected none | minor | major | critical, got "huge"')
    .action((options: { content: string; json?: boolean }) => {
      // With the entry cache: checking again (and `outpost build`, which checks through this command) parses only what changed.
      const { content, problems, warnings } = checkContent(options.content, { cache: EntryCache.of(options.content) });
      if (options.json) {
        // `warnings` only when there are any: tools that read {valid, problems} see the same document as before.
        console.log(JSON.stringify({ valid: problems.length === 0, problems, ...(warnings.length > 0 && { warnings }) }, null, 2));
        process.exitCode = problems.length > 0 ? 1 : 0;
        return;
      }
      // Warnings name the files under content/ that are not read, so nothing is skipped without a word.
      for (const w of warnings) console.error(formatProblem(w));
      if (problems.length > 0) {
        for (const p of problems) console.error(formatProblem(p));
        console.error(`\n${plural(problems.length, 'problem')} found${warnings.length > 0 ? ` (and ${plural(warnings.length, 'warning')})` : ''}.`);
      } else {
        const unread = warnings.length > 0 ? ` ${plural(warnings.length, 'file')} not read: see the warnings above.` : '';
        console.log(`content is valid: ${plural(content!.incidents.length, 'incident')}, ${plural(content!.maintenance.length, 'maintenance window')}, ${plural(content!.site.components.length, 'component')}.${unread}`);
      }
      process.exitCode = problems.length > 0 ? 1 : 0;
    });
}
