import type { Command } from 'commander';
import { buildSite } from '../build/pipeline';
import { report } from './build';
import { serveStatic } from './serve';

/** `outpost preview`: validate, build, serve, print the URL. What `npm start` runs. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('Validate content/, build the site and serve it locally.')
    .option('--content <dir>', 'content folder', 'content')
    .option('--data <dir>', 'monitoring data folder', 'data')
    .option('--port <port>', 'port', (v) => Number.parseInt(v, 10), 4321)
    .addHelpText('after', '\nExample:\n  $ outpost preview --port 8080')
    .action(async (options: { content: string; data: string; port: number }) => {
      const code = report(await buildSite({ ...options, out: 'out' }));
      if (code !== 0) {
        process.exitCode = code;
        return;
      }
      await serveStatic('out', options.port);
      console.log(`\nOutpost is serving out/ at http://127.0.0.1:${options.port}/ (Ctrl+C to stop)`);
    });
}
