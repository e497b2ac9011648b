import { LOG_LEVELS, readServerConfig, SERVER_SETTINGS } from '@triage/server/config';
import { startServer } from '@triage/server/main';
import type { Command } from 'commander';

const fallsBackTo = (setting: keyof typeof SERVER_SETTINGS) =>
  `(else env ${SERVER_SETTINGS[setting].env}, else ${SERVER_SETTINGS[setting].fallback})`;

/** The one-line reason a listen failed, with what to do about it; undefined for any other error. */
export function listenProblem(error: unknown, port: number, host: string): Error | undefined {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'EADDRINUSE':
      return new Error(`port ${port} is in use; pass --port or set PORT`);
    case 'EACCES':
      return new Error(`not allowed to listen on port ${port}; pass --port or set PORT (1024 or above)`);
    case 'EADDRNOTAVAIL':
      return new Error(`${host} is not an address of this machine; pass --host or set HOST`);
    default:
      return undefined;
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the Triage server (embedded PGlite in --data, or the PostgreSQL server in DATABASE_URL)',
    )
    // No commander defaults: a flag left out is undefined, so readServerConfig can fall back to the environment.
    .option('-p, --port <port>', `port to listen on ${fallsBackTo('port')}`)
    .option('--host <host>', `interface to bind ${fallsBackTo('host')}`)
    .option('-d, --data <dir>', `PGlite data folder ${fallsBackTo('dataDir')}`)
    .option('--demo', 'create the demo workspace on first start')
    .option('--log-level <level>', `${LOG_LEVELS.join(' | ')} ${fallsBackTo('logLevel')}`)
    .addHelpText(
      'after',
      '\nA flag wins over its environment variable, which wins over the default. DATABASE_URL (postgres://…)\n' +
        'selects a PostgreSQL server instead of the PGlite folder. An invalid value stops start-up (exit code 1).',
    )
    .action(async (flags: Record<string, unknown>) => {
      const config = readServerConfig(flags);
      const started = await startServer(config).catch((error: unknown) => {
        throw listenProblem(error, config.port, config.host) ?? error;
      });
      // --port 0 asks for any free port: print the one the system gave.
      const bound = started.app.server.address();
      const url = `http://localhost:${bound !== null && typeof bound === 'object' ? bound.port : config.port}`;
      const lines = [
        `Triage is running on ${url}  (database: ${started.database.kind}${started.database.kind === 'pglite' ? `, ${config.dataDir}` : ''})`,
      ];
      lines.push(`API docs: ${url}/docs`);
      if (started.demo)
        lines.push(`Demo workspace API key: ${started.demo.apiKey}  (a new key on every start)`);
      if (started.demo)
        lines.push(
          `Demo sign-in: ${url}  email ${started.demo.user.email}  password ${started.demo.user.password}  (a new password on every start)`,
        );
      process.stdout.write(`${lines.join('\n')}\n`);
      const stop = async () => {
        await started.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
