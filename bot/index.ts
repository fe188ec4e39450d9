import { loadEnv } from './config/env';
import { createLogger } from './logger';
import { createServer } from './server';

/** Starts Doorway: validate the configuration, build the app, listen, and shut down cleanly. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  if (env.tokenSecretGenerated) logger.warn('TOKEN_SECRET is not set; chat tokens will not survive a restart');
  const doorway = await createServer({ env, logger });
  const server = doorway.app.listen(env.port, () => {
    logger.info({ port: env.port, store: doorway.db.kind }, `Doorway is listening on http://localhost:${env.port}`);
  });
  doorway.attach(server);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      doorway
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
    });
    void doorway.stopStreams().finally(() => server.closeAllConnections());
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration errors name the bad field; print them plainly, without a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
