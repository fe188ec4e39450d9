import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { parseWatermark } from './activities';
import type { DirectLineContext } from './context';
import { createStreamPump } from './stream-pump';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]+)\/stream$/;
// Proxies drop idle connections; a ping also finds clients that vanished without a close.
const HEARTBEAT_MS = 30_000;
const CLOSE_WAIT_MS = 2_000;

/** The WebSocket side of Direct Line: `attach` it to the HTTP server that serves the router. */
export interface StreamService {
  attach(server: Server): void;
  close(): Promise<void>;
}

/** Creates the stream service; each socket receives ActivitySets after its watermark. */
export function createStreamService(ctx: DirectLineContext): StreamService {
  // Clients only send empty keep-alive messages.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const servers = new Set<Server>();
  const alive = new WeakMap<WebSocket, boolean>();

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const serve = (ws: WebSocket, conversationId: string, after: number) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', () => alive.set(ws, true));
    ws.on('error', (error) => ctx.logger.warn({ err: error, conversationId }, 'directline: stream error'));
    const pump = createStreamPump(ctx, ws, conversationId, after);
    const unsubscribe = ctx.hub.subscribe(conversationId, pump);
    ws.on('close', unsubscribe);
    pump();
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return; // another upgrade handler's path
    const claims = ctx.tokens.verify(url.searchParams.get('t') ?? '', 'stream');
    if (!claims) return refuse(socket, 401, 'TokenInvalid', 'The stream URL is invalid or has expired.');
    if (claims.conversationId !== match[1]) return refuse(socket, 403, 'Forbidden', 'This stream token is for another conversation.');
    let after: number;
    try {
      after = parseWatermark(url.searchParams.get('watermark') ?? '');
    } catch {
      return refuse(socket, 400, 'BadArgument', 'The watermark must be a number.');
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, claims.conversationId, after));
  };

  return {
    attach(server) {
      servers.add(server);
      server.on('upgrade', onUpgrade);
    },
    async close() {
      clearInterval(heartbeat);
      for (const server of servers) server.off('upgrade', onUpgrade);
      // 1001 "going away": Web Chat reconnects, to another replica if there is one.
      const closing = [...wss.clients].map((ws) => closeGoingAway(ws));
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await ctx.hub.close();
    }
  };
}

/** Closes with 1001 and waits for the client's answer, briefly; a silent client is cut off. */
function closeGoingAway(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const cutOff = setTimeout(() => ws.terminate(), CLOSE_WAIT_MS);
    ws.once('close', () => {
      clearTimeout(cutOff);
      resolve();
    });
    ws.close(1001, 'The server is restarting.');
  });
}

/** Answers a refused upgrade in plain HTTP, with the same JSON error body as the REST API. */
function refuse(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}
