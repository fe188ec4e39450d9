import { WebSocket } from 'ws';
import { PAGE_SIZE, activitySet } from './activities';
import type { DirectLineContext } from './context';

/**
 * Returns a wake-up function that sends the socket everything stored after what it has sent so
 * far. One read runs at a time, so activities go out once and in order however often it is woken.
 */
export function createStreamPump(ctx: DirectLineContext, ws: WebSocket, conversationId: string, after: number): () => void {
  let last = after;
  let running = false;
  let again = false;

  const drain = async () => {
    do {
      again = false;
      const rows = await ctx.store.listAfter(conversationId, last, PAGE_SIZE);
      if (rows.length === 0 || ws.readyState !== WebSocket.OPEN) return;
      last = rows[rows.length - 1].seq;
      ws.send(JSON.stringify(activitySet(rows, last)));
      if (rows.length === PAGE_SIZE) again = true;
    } while (again);
  };

  const pump = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    drain()
      .catch((error: unknown) => {
        ctx.logger.error({ err: error, conversationId }, 'directline: stream read failed');
        ws.close(1011);
      })
      .finally(() => {
        running = false;
        // A wake-up that came while the last read was finishing.
        if (again && ws.readyState === WebSocket.OPEN) pump();
      });
  };
  return pump;
}
