import { buildApp } from './app';
import type { ServerConfig } from './config';
import { createDatabase } from './db/create-db';
import { startEmbeddedMaintenance } from './db/embedded-maintenance';
import { ensureDemoWorkspace } from './demo/demo-workspace';
import { webhookOptionsFromEnv } from './modules/webhooks/webhook-settings';

/** Opens the database, seeds the demo workspace when asked and the database is empty, and listens. */
export async function startServer(config: ServerConfig) {
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const demo = config.demo ? await ensureDemoWorkspace(database.db) : undefined;
  const app = await buildApp({
    database,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Model training (on demand and weekly) runs here, as durable jobs in the same database.
    jobs: true,
    webhooks: webhookOptionsFromEnv(),
  });
  const stopMaintenance = startEmbeddedMaintenance(database, (error) =>
    app.log.error({ err: error }, 'maintenance failed'),
  );
  const close = async () => {
    stopMaintenance();
    await app.close();
    await database.close();
  };
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // A port in use (EADDRINUSE) or a bad interface: the jobs and the database are already open and would keep the
    // process alive with nothing listening, so close them before the caller reports the error.
    await close().catch(() => undefined);
    throw error;
  }
  return { app, address, demo, database, close };
}
