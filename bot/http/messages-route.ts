import { Activity } from '@microsoft/agents-activity';
import { isIPv4 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { authorizeJWT, type AgentApplication, type AuthConfiguration, type CloudAdapter, type TurnState, type WebResponse } from '@microsoft/agents-hosting';
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
  /** The Agents SDK's auth configuration (`loadAuthConfig`); undefined when no app credentials are configured. */
  authConfig: AuthConfiguration | undefined;
  /** Without app credentials: whether unsigned requests made on this machine are served (ALLOW_ANONYMOUS). */
  allowAnonymous: boolean;
}

/**
 * `POST /api/messages`. With app credentials only requests signed for this app are served; without,
 * only unsigned ones made on this machine, and only when anonymous access is allowed. Then it checks
 * the activity's shape before the SDK sees it, so a bad request gets a 400 with a reason instead of
 * a bare status. An activity without a `serviceUrl` has nowhere to send replies, so it is answered
 * in the response body (`expectReplies`).
 */
export function messagesRoute({ adapter, agent, authConfig, allowAnonymous }: MessagesRouteDeps): RequestHandler {
  const authorize = authConfig ? signedOnly(authConfig) : anonymousOnly(allowAnonymous);
  return async (req, res) => {
    await authorize(req);
    const body = validActivity(req.body);
    if (!body.serviceUrl) body.deliveryMode = 'expectReplies';
    await adapter.process(req, res, (context) => agent.run(context));
  };
}

/** The SDK's JWT check (signature, audience, expiry, issuer), its refusals answered in Doorway's error shape. */
function signedOnly(authConfig: AuthConfiguration): (req: Request) => Promise<void> {
  const jwt = authorizeJWT(authConfig);
  return async (req) => {
    const refusal = new Refusal();
    let passed = false;
    await jwt(req, refusal, (error?: unknown) => {
      if (error) throw error;
      passed = true;
    });
    if (!passed) throw new HttpError(401, 'Unauthorized', `The request is not signed for this assistant: ${refusal.reason}.`);
  };
}

/** What the SDK's JWT check answers when it refuses, kept to be answered as an HttpError. */
class Refusal implements WebResponse {
  headersSent = false;
  writableEnded = false;
  reason = 'unauthorized';
  status(): this {
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(body?: unknown): this {
    const said = (body as Record<string, unknown> | undefined)?.['jwt-auth-error'];
    if (typeof said === 'string') this.reason = said;
    return this;
  }
  end(): this {
    return this;
  }
}

function anonymousOnly(allowAnonymous: boolean): (req: Request) => Promise<void> {
  return async (req) => {
    if (!allowAnonymous) {
      throw new HttpError(401, 'Unauthorized', 'Unsigned requests are not accepted: this assistant has no app credentials configured and anonymous access is off.');
    }
    if (!isLoopback(req.socket.remoteAddress ?? '')) {
      throw new HttpError(401, 'Unauthorized', 'Without app credentials configured, only requests from this machine are accepted.');
    }
    // A reverse proxy on this machine connects from loopback too; what it forwarded came from elsewhere.
    if (forwardedFrom(req).some((address) => !isLoopback(address))) {
      throw new HttpError(401, 'Unauthorized', 'Without app credentials configured, only requests from this machine are accepted; this one was forwarded.');
    }
    (req as Request & { user?: unknown }).user = { name: 'anonymous' };
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
  // Without it the SDK takes the turn and silently sends nothing back.
  if (typeof activity.channelId !== 'string' || activity.channelId.length === 0 || activity.channelId.length > 64) {
    throw new HttpError(400, 'MissingChannel', 'The activity needs channelId (a string of at most 64 characters), e.g. "test".');
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

/** The client addresses that X-Forwarded-For, X-Real-IP and Forwarded (each `for=`, or "unknown" without one) name. */
function forwardedFrom(req: Request): string[] {
  const values = (name: string) => [req.headers[name] ?? []].flat().flatMap((value) => value.split(',')).map((part) => part.trim()).filter(Boolean);
  const forwarded = values('forwarded').map((element) => {
    const pair = element.split(';').map((param) => param.trim().split('=')).find(([key]) => key?.toLowerCase() === 'for');
    return pair?.[1] ?? 'unknown';
  });
  return [...values('x-forwarded-for'), ...values('x-real-ip'), ...forwarded];
}

/** 127.0.0.0/8 or ::1, also written as `"[::1]:port"`, `127.0.0.1:port` or `::ffff:127.0.0.1`. */
function isLoopback(written: string): boolean {
  let address = written.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length);
  return address === '::1' || (isIPv4(address) && address.startsWith('127.'));
}
