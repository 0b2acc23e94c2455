import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config/config.js';

export interface CliInput {
  config: Config;
  values: Record<string, unknown>;
  positionals: string[];
}

/** One `modulardata` subcommand: its options, help text and what it runs (returns the exit code). */
export interface CliCommand {
  summary: string;
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(input: CliInput): Promise<number>;
}
