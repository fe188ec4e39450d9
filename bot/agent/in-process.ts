import type { AgentApplication, CloudAdapter, TurnState, WebResponse } from '@microsoft/agents-hosting';

/** The response object `CloudAdapter.process` writes to, kept in memory. */
class TurnResponse implements WebResponse {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(): this {
    this.headersSent = true;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

/**
 * Runs an activity from our own Direct Line service through the agent without an HTTP hop.
 * The identity is anonymous, so replies go to the Direct Line connector without a token.
 */
export function inProcessDelivery(adapter: CloudAdapter, agent: AgentApplication<TurnState>) {
  return async (activity: Record<string, unknown>): Promise<void> => {
    const res = new TurnResponse();
    await adapter.process({ body: activity, headers: {}, user: {} } as never, res, (context) => agent.run(context));
    if (res.statusCode >= 400) throw new Error(`the agent answered ${res.statusCode}`);
  };
}
