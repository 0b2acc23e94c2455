import type { CliCommand } from '../command.js';
import { READ_OPTIONS, READ_OPTIONS_HELP } from '../csv-input.js';

/** The chat endpoint's message limit (API.md §9.2). */
const MAX_MESSAGE = 2000;

export const planCommand: CliCommand = {
  summary: 'Ask the configured planner what it would do to a local CSV file: steps with explanations, or a question',
  help: `Usage: modulardata plan --file data.csv "message"

Profiles data.csv (- for standard input) and asks the planner the environment configures — OpenAI when
OPENAI_API_KEY is set (OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_TIMEOUT_MS), otherwise the offline rule planner —
what it would do for the message. Only the profile (column names, types, a few sample values, issues) goes to
the planner, never the file. Prints the planner's JSON result: steps (op, params, explanation), reply,
clarification (a question instead of steps), confidence, planner (openai or offline) and note (why the offline
planner answered for OpenAI). Nothing is changed; 'modulardata apply' runs steps.

Options:
  -f, --file F       the CSV file to plan for
${READ_OPTIONS_HELP}
  -h, --help         show this help

Exit codes: 0 a result (a clarifying question included); 2 missing or unreadable file, malformed CSV or no
message; 1 anything else.`,
  options: { file: { type: 'string', short: 'f' }, ...READ_OPTIONS },
  async run(input) {
    const { values, positionals } = input;
    const { InputError, readBytes, readOptions, readTable, reportFailure } = await import('../csv-input.js');
    try {
      const file = values.file;
      if (typeof file !== 'string' || file === '') throw new InputError(`Give the CSV file with --file. See 'modulardata plan --help'.`);
      const message = positionals.join(' ').trim();
      if (message === '') throw new InputError(`Give the message to plan, e.g. modulardata plan --file ${file} "remove duplicate rows".`);
      if (message.length > MAX_MESSAGE) throw new InputError(`The message is ${message.length} characters long; at most ${MAX_MESSAGE} are allowed.`);
      const read = await readTable(file, readBytes(file), readOptions(values));
      const { profileTable } = await import('../../engine/index.js');
      const profile = profileTable(read.table, read.ingest);
      const { createPlanner } = await import('../../planner/create-planner.js');
      const result = await createPlanner(input.config).plan({ message, profile });
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    } catch (error) {
      return reportFailure(error);
    }
  },
};
