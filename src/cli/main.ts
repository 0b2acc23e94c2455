import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config/config.js';
import { analyticsCommand } from './commands/analytics.js';
import { applyCommand } from './commands/apply.js';
import { migrateCommand } from './commands/migrate.js';
import { planCommand } from './commands/plan.js';
import { profileCommand } from './commands/profile.js';
import { runModuleCommand } from './commands/run-module.js';
import { rebuildCommand } from './commands/rebuild.js';
import { replayCommand } from './commands/replay.js';
import { verifyCommand } from './commands/verify.js';
import { eventsCommand } from './commands/events.js';
import { showCommand } from './commands/show.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import type { CliCommand } from './command.js';

const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  worker: workerCommand,
  migrate: migrateCommand,
  rebuild: rebuildCommand,
  analytics: analyticsCommand,
  replay: replayCommand,
  verify: verifyCommand,
  events: eventsCommand,
  show: showCommand,
  apply: applyCommand,
  profile: profileCommand,
  'run-module': runModuleCommand,
  plan: planCommand,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: modulardata <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'modulardata <command> --help' for a command's options.`;
}

/** The `modulardata` command line. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${command.help}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  try {
    // Loaded on first use: the local commands (apply, profile) never read it, so a bad .env cannot stop them.
    let config: Config | undefined;
    const input = {
      get config(): Config {
        if (!config) {
          loadDotEnv();
          config = loadConfig();
        }
        return config;
      },
      values: parsed.values as Record<string, unknown>,
      positionals: parsed.positionals,
    };
    return await command.run(input);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
