import type { Server } from 'node:http';
import type { Logger } from './logger';
import type { DoorwayServer } from './server';

/** How long in-flight requests may take to finish after a stop signal before they are cut off. */
const GRACE_MS = 10_000;

/**
 * Stops in order, losing nothing a person sent: refuse new connections and mark the replica not
 * ready, close chat streams with 1001 (Web Chat reconnects, to another replica if there is one),
 * let in-flight turns finish and send their replies, stop background work, close the store.
 */
export async function shutDown(doorway: DoorwayServer, server: Server, logger: Logger, graceMs = GRACE_MS): Promise<void> {
  doorway.draining();
  const requestsDone = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await doorway.stopStreams();
  const cutOff = setTimeout(() => {
    logger.warn({ graceMs }, 'requests still running after the grace period are cut off');
    server.closeAllConnections();
  }, graceMs);
  // Idle keep-alive connections that a client reused meanwhile are closed as they become idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  await requestsDone;
  clearTimeout(cutOff);
  clearInterval(sweep);
  await doorway.close();
}

/** Runs `shutDown` once on SIGTERM or SIGINT, then exits (1 when the shutdown failed). */
export function stopOnSignals(doorway: DoorwayServer, server: Server, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing the turns in progress');
    shutDown(doorway, server, logger)
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
