/**
 * The `caseload` command line (DESIGN.md "CLI contract"). Options are parsed here;
 * each command's work lives in its own module, loaded only when that command runs.
 * Exit codes: 0 success, 1 bad input, 2 usage error.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError, UsageError } from '../errors.ts';

const isoDate = (value: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  }
  return value;
};
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
};
const integer = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number.');
  return n;
};
const effect = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= -1 || n > 5) throw new InvalidArgumentError('expected a relative change above -1, e.g. -0.15.');
  return n;
};
const nonNegative = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of at least 0.');
  return n;
};
const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number.');
  return n;
};

const program = new Command()
  .name('caseload')
  .description('Population-health outcomes for case-management programs: ingest claims, build measures, serve the dashboard.')
  .exitOverride()
  .showHelpAfterError();

program
  .command('generate')
  .description('Write a synthetic population (eligibility, claims, program enrolment, truth.json) in the canonical format.')
  .requiredOption('--out <dir>', 'output folder')
  .option('--members <n>', 'number of members', positiveInt, 10000)
  .option('--seed <s>', 'random seed', integer, 1)
  .option('--effect <x>', 'true relative change in admission and ED hazards after enrolment', effect, -0.15)
  .option('--start <date>', 'first day of the data', isoDate, '2022-01-01')
  .option('--months <n>', 'months of data', positiveInt, 36)
  .option('--format <fmt>', 'file format: csv or parquet', 'csv')
  .option('--no-mess', 'write clean data (no voids, replacements, blank diagnoses, duplicates)')
  .action(async (opts) => {
    const { runGenerate } = await import('../generate/command.ts');
    await runGenerate(opts);
  });

program
  .command('ingest')
  .description('Validate extracts in a folder and load them into the database as one batch.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .requiredOption('--dir <dir>', 'folder with eligibility, medical_claim and/or encounter, program_enrollment (.csv or .parquet)')
  .addOption(new Option('--format <format>', 'input format (detected when omitted)').choices(['tuva', 'synthea']))
  .action(async (opts) => {
    const { runIngest } = await import('../ingest/command.ts');
    await runIngest(opts);
  });

program
  .command('build')
  .description('Run the sql/ pipeline (staging → core → measures → marts); the new marts replace the old in one transaction.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .option('--data-through <date>', 'last date the data is complete for (default: latest claim end date)', isoDate)
  .action(async (opts) => {
    const { runBuild } = await import('../pipeline/command.ts');
    await runBuild(opts);
  });

program
  .command('report')
  .description('Print the measures by cohort for a period (MEASURES.md §8).')
  .requiredOption('--db <file>', 'DuckDB database file')
  .option('--from <date>', 'first day of the period', isoDate)
  .option('--to <date>', 'last day of the period', isoDate)
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).makeOptionMandatory())
  .action(async (opts) => {
    const { runReport } = await import('../report/command.ts');
    await runReport(opts);
  });

program
  .command('evaluate')
  .description('Evaluate the case-management program: naive, risk-adjusted and matched difference-in-differences estimates, savings and ROI.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).makeOptionMandatory())
  .option('--from <date>', 'first day of the period for naive rates, risk adjustment and cost', isoDate)
  .option('--to <date>', 'last day of that period', isoDate)
  .option('--fte <n>', 'case-manager full-time equivalents (default: managed members / 100)', nonNegative)
  .option('--cost-per-fte <x>', 'cost of one FTE per year in dollars (default 100000)', nonNegative)
  .option('--pmpm <x>', 'program fee per managed member per month, instead of FTEs', nonNegative)
  .option('--seed <s>', 'bootstrap seed', integer, 1)
  .action(async (opts) => {
    const { runEvaluate } = await import('../evaluation/command.ts');
    await runEvaluate(opts);
  });

program
  .command('serve')
  .description('Serve the dashboard and API for a built database.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .option('--port <p>', 'port to listen on', port, 3000)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .action(async (opts) => {
    const { runServe } = await import('../api/command.ts');
    await runServe(opts);
  });

program
  .command('start')
  .description('Serve the dashboard on the bundled sample database, generating and building it on first start.')
  .option('--db <file>', 'DuckDB database file', '.data/caseload.duckdb')
  .option('--port <p>', 'port to listen on', port, 3000)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .action(async (opts) => {
    const { runStart } = await import('../api/start.ts');
    await runStart(opts);
  });

const user = program.command('user').description('Manage dashboard users in the database (stop `serve` first: DuckDB lets one process write).');
user
  .command('add <username>')
  .description('Add a user; the password is read from a hidden prompt, or from standard input.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .addOption(new Option('--role <role>', 'role').choices(['admin', 'case_manager', 'quality', 'executive']).makeOptionMandatory())
  .option('--case-manager-id <id>', "link a case_manager user to their caseload (the case manager id in the data)")
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username, opts) => {
    const { runUserAdd } = await import('../auth/command.ts');
    await runUserAdd(username, opts);
  });
user
  .command('remove <username>')
  .description('Remove a user.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .action(async (username, opts) => {
    const { runUserRemove } = await import('../auth/command.ts');
    await runUserRemove(username, opts);
  });
user
  .command('passwd <username>')
  .description("Set a user's password (clears a lockout).")
  .requiredOption('--db <file>', 'DuckDB database file')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (username, opts) => {
    const { runUserPasswd } = await import('../auth/command.ts');
    await runUserPasswd(username, opts);
  });
user
  .command('list')
  .description('List users and their roles.')
  .requiredOption('--db <file>', 'DuckDB database file')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('table'))
  .action(async (opts) => {
    const { runUserList } = await import('../auth/command.ts');
    await runUserList(opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`caseload: ${error.message}\n`);
    return 2;
  }
  if (error instanceof InputError) {
    process.stderr.write(`caseload: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`caseload: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 3;
}
