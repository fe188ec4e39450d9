import { Activity } from '@microsoft/agents-activity';
import { HttpError } from '../http/errors';
import type { ActivityJson, StoredActivity } from './types';

/** Channel id every activity of this service carries. */
export const CHANNEL_ID = 'directline';

/** Most activities one poll or one stream message carries; the rest follow from the new watermark. */
export const PAGE_SIZE = 100;

/** Activity types a web chat client may post. */
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);

/** A member of the conversation as activities name it. */
export interface Account {
  id: string;
  name?: string;
  role?: string;
}

// Fields the service owns: a client must not pick the serviceUrl the agent answers to, nor ask
// for expectReplies, whose replies would go to the in-process response nobody reads.
const SERVICE_FIELDS = ['id', 'serviceUrl', 'channelId', 'conversation', 'recipient', 'deliveryMode'];

function withoutServiceFields(body: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...body };
  for (const field of SERVICE_FIELDS) delete copy[field];
  return copy;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rejects what the agent's own activity schema would reject, before it is stored. */
function assertActivity(activity: ActivityJson): void {
  try {
    Activity.fromObject(activity);
  } catch {
    throw new HttpError(400, 'BadArgument', 'The activity does not have a valid shape.');
  }
}

/** Turns what a client posted into the activity to store, before it has an id. */
export function fromClient(body: unknown, conversationId: string, bot: Account, now: Date): ActivityJson {
  if (!isObject(body)) throw new HttpError(400, 'BadArgument', 'The body must be a JSON activity object.');
  if (typeof body.type !== 'string' || !CLIENT_TYPES.has(body.type)) {
    throw new HttpError(400, 'BadArgument', 'The activity type must be message, event or typing.');
  }
  const from = isObject(body.from) && typeof body.from.id === 'string' && body.from.id ? body.from : { id: `dl_${conversationId}` };
  const activity: ActivityJson = {
    ...withoutServiceFields(body),
    type: body.type,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: { ...from, role: 'user' },
    recipient: { ...bot, role: 'bot' }
  };
  assertActivity(activity);
  return activity;
}

/** Turns what the agent sent through the connector into the activity to store. */
export function fromAgent(body: unknown, conversationId: string, bot: Account, now: Date): ActivityJson {
  if (!isObject(body) || typeof body.type !== 'string' || body.type === '') {
    throw new HttpError(400, 'BadArgument', 'The body must be an activity with a type.');
  }
  // The serviceUrl carries the connector key; clients never see it.
  const rest = { ...body };
  delete rest.serviceUrl;
  return {
    ...rest,
    type: body.type,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: isObject(body.from) && typeof body.from.id === 'string' ? body.from : { ...bot, role: 'bot' }
  };
}

/** `''` or absent means from the start; anything but digits is a client error. */
export function parseWatermark(value: unknown): number {
  if (value === undefined || value === '') return 0;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw new HttpError(400, 'BadArgument', 'The watermark must be a number.');
  }
  return Number(value);
}

/** The ActivitySet a poll answers and a stream pushes. */
export function activitySet(stored: StoredActivity[], after: number): { activities: ActivityJson[]; watermark: string } {
  const last = stored.length > 0 ? stored[stored.length - 1].seq : after;
  return { activities: stored.map((row) => row.activity), watermark: String(last) };
}
