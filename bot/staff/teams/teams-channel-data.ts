import type { Activity } from '@microsoft/agents-activity';
import { z } from 'zod';

const channelDataSchema = z.looseObject({
  eventType: z.string().optional(),
  team: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string().min(1) }).optional(),
  tenant: z.looseObject({ id: z.string().min(1) }).optional()
});

/** The parts of Teams' channelData the staff side reads. */
export type TeamsChannelData = z.infer<typeof channelDataSchema>;

/** Teams' channelData, or an empty object when it is missing or not shaped as Teams sends it. */
export function teamsChannelData(activity: Activity): TeamsChannelData {
  const parsed = channelDataSchema.safeParse(activity.channelData ?? {});
  return parsed.success ? parsed.data : {};
}

/** True for activities from a team (a channel), where staff are, not help-seekers. */
export function isTeamScope(activity: Activity): boolean {
  if (activity.channelId !== 'msteams') return false;
  return Boolean(teamsChannelData(activity).team) || activity.conversation?.conversationType === 'channel';
}

/** The tenant an activity comes from. */
export function tenantOf(activity: Activity): string | undefined {
  return teamsChannelData(activity).tenant?.id ?? activity.conversation?.tenantId;
}
