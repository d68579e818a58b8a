import type { Command } from 'commander';
import { buildSite } from '../build/pipeline';
import { report } from './build';
import { contentOption } from './options';
import { parsePort, serveStatic, urlOf } from './serve';

/** `outpost preview`: validate, build, serve, print the URL. What `npm start` runs. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('Validate content/, build the site and serve it locally.')
    .option(...contentOption)
    .option('--data <dir>', 'monitoring data folder', 'data')
    .option('--port <port>', 'port (0 picks a free one)', parsePort, 4321)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  $ outpost preview --port 8080\n  Outpost is serving out/ at http://127.0.0.1:8080/ (Ctrl+C to stop)')
    .action(async (options: { content: string; data: string; port: number; host: string }) => {
      const code = report(await buildSite({ ...options, out: 'out' }));
      if (code !== 0) {
        process.exitCode = code;
        return;
      }
      const server = await serveStatic('out', options.port, options.host);
      console.log(`\nOutpost is serving out/ at ${urlOf(server)} (Ctrl+C to stop)`);
    });
}
