import { applyDotEnv } from './config/dotenv';
import { loadEnv } from './config/env';
import { createLogger } from './logger';
import { stopOnSignals } from './lifecycle';
import { createServer } from './server';

/** Starts Doorway: validate the configuration, build the app, listen, and shut down cleanly. */
async function main(): Promise<void> {
  // A .env file in the working directory fills in what the real environment leaves unset.
  const fromFile = applyDotEnv();
  const env = loadEnv();
  const logger = createLogger(env.logLevel);
  if (fromFile.length > 0) logger.info({ variables: fromFile }, 'read settings from .env');
  if (env.tokenSecretGenerated) logger.warn('TOKEN_SECRET is not set; chat tokens will not survive a restart');
  const doorway = await createServer({ env, logger });
  const server = doorway.app.listen(env.port, () => {
    logger.info({ port: env.port, store: doorway.db.kind }, `Doorway is listening on http://localhost:${env.port}`);
  });
  doorway.attach(server);

  stopOnSignals(doorway, server, logger);
}

main().catch((error: unknown) => {
  // Configuration errors name the bad field; print them plainly, without a stack.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
