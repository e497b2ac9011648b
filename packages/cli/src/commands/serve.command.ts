import { readServerConfig } from '@triage/server/config';
import { startServer } from '@triage/server/main';
import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the Triage server (embedded PGlite in --data, or the PostgreSQL server in DATABASE_URL)',
    )
    .option('-p, --port <port>', 'port to listen on (env PORT)', '3000')
    .option('--host <host>', 'interface to bind (env HOST)', '127.0.0.1')
    .option('-d, --data <dir>', 'PGlite data folder (env TRIAGE_DATA_DIR)', './.triage')
    .option('--demo', 'create the demo workspace on first start')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | silent', 'warn')
    .action(async (flags: Record<string, unknown>) => {
      const config = readServerConfig(flags);
      const started = await startServer(config);
      const url = `http://localhost:${config.port}`;
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
