import { Activity } from '@microsoft/agents-activity';
import type { Request, RequestHandler } from 'express';
import { authorizeJWT, type AgentApplication, type AuthConfiguration, type CloudAdapter, type TurnState } from '@microsoft/agents-hosting';
import { HttpError } from './errors';

/** Activity types of the Bot Framework protocol; anything else is refused with 400. */
const ACTIVITY_TYPES = new Set([
  'message', 'contactRelationUpdate', 'conversationUpdate', 'typing', 'endOfConversation', 'event', 'invoke',
  'invokeResponse', 'deleteUserData', 'messageUpdate', 'messageDelete', 'installationUpdate', 'messageReaction',
  'suggestion', 'trace', 'handoff', 'command', 'commandResult'
]);

export interface MessagesRouteDeps {
  adapter: CloudAdapter;
  agent: AgentApplication<TurnState>;
  authConfig: AuthConfiguration;
  /** With app credentials only signed requests are served; without, only this machine's own. */
  credentialsConfigured: boolean;
}

/**
 * `POST /api/messages`. Checks the activity's shape before the SDK sees it, so a bad request
 * gets a 400 with a reason instead of a bare status. An activity without a `serviceUrl` has
 * nowhere to send replies, so it is answered in the response body (`expectReplies`).
 */
export function messagesRoute({ adapter, agent, authConfig, credentialsConfigured }: MessagesRouteDeps): RequestHandler {
  const jwt = authorizeJWT(authConfig);
  return async (req, res) => {
    const body = validActivity(req.body);
    if (credentialsConfigured) {
      let passed = false;
      await jwt(req, res, (error?: unknown) => {
        if (error) throw error;
        passed = true;
      });
      if (!passed || res.headersSent) return;
    } else {
      if (!isLoopback(req)) throw new HttpError(401, 'Unauthorized', 'Without app credentials configured, only requests from this machine are accepted.');
      (req as Request & { user?: unknown }).user = { name: 'anonymous' };
    }
    if (!body.serviceUrl) body.deliveryMode = 'expectReplies';
    await adapter.process(req, res, (context) => agent.run(context));
  };
}

type ActivityBody = Record<string, unknown> & { type: string; conversation: { id: string }; serviceUrl?: string; deliveryMode?: string };

function validActivity(body: unknown): ActivityBody {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'BadActivity', 'The body must be a JSON object (an Activity).');
  }
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !ACTIVITY_TYPES.has(activity.type)) {
    throw new HttpError(400, 'UnknownActivityType', `Unknown activity type: ${JSON.stringify(activity.type ?? null)}.`);
  }
  const conversation = activity.conversation as { id?: unknown } | undefined;
  if (typeof conversation?.id !== 'string' || conversation.id.length === 0 || conversation.id.length > 256) {
    throw new HttpError(400, 'MissingConversation', 'The activity needs conversation.id (a string of at most 256 characters).');
  }
  if (activity.text !== undefined && typeof activity.text !== 'string') {
    throw new HttpError(400, 'BadText', 'text must be a string.');
  }
  try {
    // The SDK's own schema: what it would refuse later with a bare 500 is refused here with a reason.
    Activity.fromObject(activity);
  } catch (error) {
    const issue = (error as { issues?: Array<{ path: Array<string | number>; message: string }> }).issues?.[0];
    throw new HttpError(400, 'BadActivity', issue ? `${issue.path.join('.') || 'activity'}: ${issue.message}` : 'The activity is not valid.');
  }
  return activity as ActivityBody;
}

function isLoopback(req: Request): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || address.startsWith('127.');
}
