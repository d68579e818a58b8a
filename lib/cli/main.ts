import { Command, CommanderError } from 'commander';
import { UsageError } from './input';

/**
 * The `outpost` command: parses arguments and dispatches to one module per command.
 * Exit codes: 0 the work ran, 1 refused input or a failed write, 2 bad usage.
 */
const program = new Command('outpost')
  .description('Outpost: an isolated public status page.')
  .showHelpAfterError()
  .exitOverride();

/**
 * Each command's module, in the order `outpost --help` lists them. A command loads only its own module (and what that
 * imports): `outpost publish` from cron then does not run the top level of the servers', pinger's, build's and prompts'
 * modules, nor load the parts of Node they use (http, https, tls, readline). Without a command
 * name it knows (`outpost`, `outpost --help`, a typo), every command is registered, for the list and suggestions.
 */
const commands: Record<string, () => Promise<(program: Command) => void>> = {
  init: async () => (await import('./init')).registerInit,
  validate: async () => (await import('./validate')).registerValidate,
  incident: async () => (await import('./incident')).registerIncident,
  maintenance: async () => (await import('./maintenance')).registerMaintenance,
  build: async () => (await import('./build')).registerBuild,
  serve: async () => (await import('./serve')).registerServe,
  preview: async () => (await import('./preview')).registerPreview,
  ping: async () => (await import('./ping')).registerPing,
  publish: async () => (await import('./publish')).registerPublish,
  doctor: async () => (await import('./doctor')).registerDoctor,
  report: async () => (await import('./report')).registerReport,
  notify: async () => (await import('./notify')).registerNotify,
  subscribers: async () => (await import('./notify')).registerSubscribers,
  'subscribe-service': async () => (await import('./notify')).registerSubscribeService,
};

async function main(): Promise<void> {
  const name = process.argv[2];
  const wanted = name !== undefined && Object.hasOwn(commands, name) ? [commands[name]!] : Object.values(commands);
  for (const load of wanted) (await load())(program);
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; any other commander error is bad usage.
    process.exit(error.exitCode === 0 ? 0 : 2);
  }
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
  // Ctrl+C or Ctrl+D at a prompt.
  if (error instanceof Error && error.name === 'ExitPromptError') {
    console.error('cancelled: nothing was written');
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
