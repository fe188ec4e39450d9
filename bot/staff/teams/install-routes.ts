import type { Activity } from '@microsoft/agents-activity';
import { RouteRank, type AgentApplication, type TurnContext, type TurnState } from '@microsoft/agents-hosting';
import type { Locale } from '../../../dialogs/types';
import type { Logger } from '../../logger';
import type { TeamsInstallations } from '../store/teams-installations';
import { staffSay } from './card-text';
import type { StaffChannel } from './staff-channel';
import { isTeamScope, teamsChannelData, tenantOf } from './teams-channel-data';

export interface InstallRoutesDeps {
  installations: TeamsInstallations;
  channel: StaffChannel;
  agencyName: string;
  staffLocale: Locale;
  logger: Logger;
  /** Called after an install, so waiting cards go out at once. */
  onInstalled(): void;
}

/**
 * Team-scope activities belong to the staff side and are routed before the intake agent's, so a
 * colleague joining the team is never greeted as a help-seeker. Install events store where to
 * post and say hello; removal is recorded so the worker stops posting there.
 */
export function registerInstallRoutes(agent: AgentApplication<TurnState>, deps: InstallRoutesDeps): void {
  const { installations, logger } = deps;
  const say = (id: string) => staffSay(deps.staffLocale, id, { agencyName: deps.agencyName });

  const install = async (activity: Activity) => {
    const data = teamsChannelData(activity);
    const tenantId = tenantOf(activity);
    if (!data.team || !tenantId || !activity.serviceUrl) {
      logger.warn({ conversationId: activity.conversation?.id }, 'install event without team, tenant or service URL; ignored');
      return;
    }
    const installation = {
      id: data.team.id,
      tenantId,
      teamId: data.team.id,
      // Teams posts team-scope events in the General channel unless it names another one.
      channelId: data.channel?.id ?? activity.conversation?.id ?? data.team.id,
      serviceUrl: activity.serviceUrl,
      source: 'event' as const
    };
    await installations.install(installation);
    logger.info({ teamId: installation.teamId, channelId: installation.channelId, tenantId }, 'installed in a staff team');
    const stored = await installations.byId(installation.id);
    if (stored) await deps.channel.post(stored, { text: say('staff.hello') });
    deps.onInstalled();
  };

  const uninstall = async (activity: Activity, reason: string) => {
    const teamId = teamsChannelData(activity).team?.id;
    if (!teamId) return;
    await installations.setStatus(teamId, 'uninstalled', reason);
    logger.warn({ teamId, reason }, 'removed from a staff team; cards wait until it is installed again');
  };

  const selfIn = (context: TurnContext, members: Array<{ id?: string }> | undefined) =>
    (members ?? []).some((member) => member.id === context.activity.recipient?.id);

  agent.addRoute(
    async (context) => context.activity.type === 'conversationUpdate' && isTeamScope(context.activity),
    async (context) => {
      const { activity } = context;
      const eventType = teamsChannelData(activity).eventType;
      if (selfIn(context, activity.membersAdded)) await install(activity);
      else if (selfIn(context, activity.membersRemoved)) await uninstall(activity, 'the agent was removed from the team');
      else if (eventType === 'teamDeleted') await uninstall(activity, 'the team was deleted');
    },
    false,
    RouteRank.First
  );

  agent.addRoute(
    async (context) => context.activity.type === 'installationUpdate' && isTeamScope(context.activity),
    async (context) => {
      const action = context.activity.action ?? '';
      if (action.startsWith('add')) await install(context.activity);
      else if (action.startsWith('remove')) await uninstall(context.activity, 'the app was uninstalled from the team');
    },
    false,
    RouteRank.First
  );

  agent.addRoute(
    async (context) => context.activity.type === 'message' && isTeamScope(context.activity),
    async (context) => {
      await context.sendActivity(say('staff.channelOnly'));
    },
    false,
    RouteRank.First
  );
}
