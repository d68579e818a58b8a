import fs from 'node:fs';
import type { Command } from 'commander';
import { componentStatuses, time, type Site } from '../content';
import { contentOption } from './options';

/** Bad usage: a missing or malformed flag. The command exits 2 and writes nothing. */
export class UsageError extends Error {
  name = 'UsageError';
}

/** Options every authoring command takes. */
export type AuthoringOptions = {
  content: string;
  /** Where to publish after writing: a folder, false for --no-publish, undefined for the default (see publishAfterEdit). */
  publish?: string | false;
  data: string;
  dryRun?: boolean;
  at?: string;
  message?: string;
  messageFile?: string;
};

/** Adds the options every authoring command shares: the message, --at (when it appends an update), content/, --dry-run. */
export function authoringOptions(command: Command, message = 'the message readers see (markdown)', at = true): Command {
  command.option('--message <markdown>', message).option('--message-file <path>', 'read the message from a file; "-" reads stdin');
  if (at) command.option('--at <time>', 'when: ISO 8601 with an offset or Z (default: now)');
  return command
    .option(...contentOption)
    .option('--dry-run', 'print the file it would write and write nothing')
    .option('--publish <out>', 'then publish it into the site served from <out> (default: out/, when it was built from this content folder)')
    .option('--no-publish', 'only write the file')
    .option('--data <dir>', 'monitoring data folder, for the publish', 'data');
}

/** Collects a repeatable flag (`--component a --component b,c`) into a list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** Prompts run only when a person is at a terminal; scripts and bots give every value as a flag. */
export function interactive(): boolean {
  return process.stdin.isTTY === true;
}

/**
 * A value from its flag; else asked at a terminal; else its default; else bad usage naming the flag.
 * `ask` is the prompt; a value with a default is still asked at a terminal, with the default chosen.
 */
export async function need<T>(value: T | undefined, flag: string, ask: () => Promise<T>, fallback?: T): Promise<T> {
  if (value !== undefined) return value;
  if (interactive()) return ask();
  if (fallback !== undefined) return fallback;
  throw new UsageError(`missing ${flag} (every value must be given as a flag when not run in a terminal; see --help)`);
}

/** The message from --message, --message-file (a file, or "-" for stdin), or undefined when neither. */
export function readMessage(options: Pick<AuthoringOptions, 'message' | 'messageFile'>): string | undefined {
  if (options.message !== undefined && options.messageFile !== undefined) {
    throw new UsageError('give --message or --message-file, not both');
  }
  if (options.messageFile === undefined) return options.message;
  const from = options.messageFile === '-' ? 0 : options.messageFile;
  try {
    return fs.readFileSync(from, 'utf8');
  } catch (error) {
    throw new Error(`cannot read --message-file ${options.messageFile}: ${(error as Error).message}`);
  }
}

/** A time flag as a Date; refuses a naive time or anything not ISO 8601. */
export function parseTime(value: string, flag: string): Date {
  const result = time.safeParse(value);
  if (!result.success) throw new Error(`${flag}: ${result.error.issues[0]!.message}`);
  return new Date(result.data);
}

/** `api=major_outage` pairs (component id → status) from a repeatable flag. */
export function parseComponentStatuses(pairs: string[], flag: string): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const match = /^([^=\s]+)=(\S+)$/.exec(pair);
      if (!match) throw new UsageError(`${flag} expects <component>=<status>, like api=major_outage, got ${JSON.stringify(pair)}`);
      return [match[1]!, match[2]!];
    }),
  );
}

/** The prompts library, loaded only when a person is there to answer (scripts start faster without it). */
const prompts = () => import('@inquirer/prompts');

/** Prompts, each worded for support staff and checked the same way the schema checks the file. */
export const ask = {
  text: (message: string, fallback?: string) => async () =>
    (await prompts()).input({ message, default: fallback, required: true, validate: (v) => v.trim().length > 0 || 'expected some text' }),

  /** Text that `check` accepts (true), or asked again with the reason it gives. */
  checked: (message: string, check: (value: string) => true | string) => async () => (await prompts()).input({ message, validate: check }),

  optionalText: (message: string) => async () => ((await (await prompts()).input({ message })).trim() || undefined),

  time: (message: string, fallback?: string) => async () =>
    (await prompts()).input({
      message,
      default: fallback,
      validate: (v) => time.safeParse(v).success || 'expected ISO 8601 with an offset or Z, like 2026-03-14T10:00:00Z',
    }),

  choice: <T extends string>(message: string, choices: readonly T[], fallback?: T) => async () =>
    (await prompts()).select({ message, choices: choices.map((value) => ({ value, name: value })), default: fallback }),

  components: (message: string, site: Site, required: boolean) => async () =>
    (await prompts()).checkbox({
      message,
      required,
      pageSize: 15,
      choices: site.components.map((c) => ({ value: c.id, name: `${c.name} (${c.id})` })),
    }),

  /** For each picked component, its status; the current one (if any) chosen. */
  componentStatuses: async (ids: string[], current: Record<string, string> = {}, fallback = 'partial_outage') => {
    const statuses: Record<string, string> = {};
    for (const id of ids) statuses[id] = await ask.choice(`Status of ${id}`, componentStatuses, (current[id] ?? fallback) as never)();
    return statuses;
  },
};

/** A command that groups the commands of one kind of entry (`outpost incident …`), with the pointer to its first one's help. */
export function entryCommands(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).addHelpText('after', `\nExample:\n  $ outpost ${name} new --help`);
}
