import { Command, CommanderError } from 'commander';
import { registerBuild } from './build';
import { registerDoctor } from './doctor';
import { registerIncident } from './incident';
import { registerInit } from './init';
import { UsageError } from './input';
import { registerMaintenance } from './maintenance';
import { registerNotify, registerSubscribers, registerSubscribeService } from './notify';
import { registerPing } from './ping';
import { registerPreview } from './preview';
import { registerPublish } from './publish';
import { registerReport } from './report';
import { registerServe } from './serve';
import { registerValidate } from './validate';

/**
 * The `outpost` command: parses arguments and dispatches to one module per command.
 * Exit codes: 0 the work ran, 1 refused input or a failed write, 2 bad usage.
 */
const program = new Command('outpost')
  .description('Outpost: an isolated public status page.')
  .showHelpAfterError()
  .exitOverride();

registerInit(program);
registerValidate(program);
registerIncident(program);
registerMaintenance(program);
registerBuild(program);
registerServe(program);
registerPreview(program);
registerPing(program);
registerPublish(program);
registerDoctor(program);
registerReport(program);
registerNotify(program);
registerSubscribers(program);
registerSubscribeService(program);

program.parseAsync(process.argv).catch((error: unknown) => {
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
