import path from 'node:path';
import type { CliCommand } from '../command.js';
import { READ_OPTIONS, READ_OPTIONS_HELP } from '../csv-input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const runModuleCommand: CliCommand = {
  summary: "Run a session's deployed module on a CSV file, with the same matching and gating as POST /run",
  help: `Usage: modulardata run-module --session ID in.csv [-o out.csv] [--force]

Runs the module deployed on session ID against the configured database (DATABASE_URL, else the embedded one under
DATA_DIR): the file is stored, read the way an upload is read, matched against the module's schema contract and,
at HIGH confidence, run through the module's steps. The run is recorded like one sent over HTTP and shows up in
GET /sessions/ID/runs. The result goes to out.csv (standard output without -o); the match, each mapping and every
discrepancy go to standard error.

A MEDIUM match waits for confirmation unless --force is given (confirm it later with POST /runs/RUN/confirm); LOW
and NO_MATCH are refused, forced or not. With REDIS_URL set the run's job goes to the queue: a 'modulardata worker'
must be running. With the embedded database, stop the server first: PGlite allows one process at a time.

Options:
  --session ID       the session whose deployed module runs (required)
  -o, --output FILE  where to write the result (written whole, then renamed into place)
  --force            run a MEDIUM match without waiting for a confirmation
  --wait SECONDS     how long to wait for the run to finish (default 600)
  --escape-formulas  prefix ' to text cells a spreadsheet would run as a formula (= + - @)
${READ_OPTIONS_HELP}
  -h, --help         show this help

Exit codes: 0 the run finished (success, or warning_confirmed when forced); 2 the run was refused, waits for a
confirmation, or the input or session is wrong; 1 a step failed or anything else went wrong.`,
  options: {
    session: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    wait: { type: 'string' },
    'escape-formulas': { type: 'boolean' },
    ...READ_OPTIONS,
  },
  async run({ config, values, positionals }) {
    const { InputError, readBytes, readOptions, reportFailure } = await import('../csv-input.js');
    try {
      if (typeof values.session !== 'string' || !UUID.test(values.session)) throw new InputError("--session ID (a UUID) is required. See 'modulardata run-module --help'.");
      if (positionals.length !== 1) throw new InputError(`Give exactly one input file (got ${positionals.length}). See 'modulardata run-module --help'.`);
      const wait = values.wait === undefined ? 600 : Number(values.wait);
      if (!Number.isFinite(wait) || wait < 0) throw new InputError(`--wait must be a number of seconds (got '${String(values.wait)}').`);
      const input = positionals[0];
      const options = readOptions(values);
      const bytes = readBytes(input);
      const { runModuleFromCli } = await import('../run-module.js');
      return await runModuleFromCli(config, {
        sessionId: values.session,
        filename: input === '-' ? 'stdin.csv' : path.basename(input),
        bytes,
        options,
        force: values.force === true,
        waitSeconds: wait,
        output: values.output as string | undefined,
        escapeFormulas: values['escape-formulas'] === true,
      });
    } catch (error) {
      return reportFailure(error);
    }
  },
};
