import type { AgentApplication, CloudAdapter, TurnState, WebResponse } from '@microsoft/agents-hosting';

/** The response object `CloudAdapter.process` writes to, kept in memory. */
class TurnResponse implements WebResponse {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  body: unknown;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(body?: unknown): this {
    this.headersSent = true;
    this.body = body;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

/**
 * Runs an activity from our own Direct Line service through the agent without an HTTP hop, and
 * returns the agent's replies: the turn runs with `expectReplies`, so the SDK buffers what the
 * agent sends and hands it back here instead of posting it to the connector over loopback.
 */
export function inProcessDelivery(adapter: CloudAdapter, agent: AgentApplication<TurnState>) {
  return async (activity: Record<string, unknown>): Promise<Array<Record<string, unknown>>> => {
    const res = new TurnResponse();
    await adapter.process({ body: { ...activity, deliveryMode: 'expectReplies' }, headers: {}, user: {} } as never, res, (context) => agent.run(context));
    if (res.statusCode >= 400) throw new Error(`the agent answered ${res.statusCode}`);
    const replies = (res.body as { activities?: unknown } | undefined)?.activities;
    return Array.isArray(replies) ? replies.filter((reply): reply is Record<string, unknown> => typeof reply === 'object' && reply !== null) : [];
  };
}
