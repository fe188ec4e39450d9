/** The stages of CONVERSATION.md, as reported in `channelData.intake.stage`. */
export const STAGES = [
  'welcome',
  'consent',
  'route',
  'clarify',
  'strengths',
  'resources',
  'assess',
  'booking',
  'referral',
  'info',
  'summary',
  'done'
] as const;
export type Stage = (typeof STAGES)[number];

/**
 * How far along a person is, by the state they are in. A state path not listed takes its
 * nearest listed ancestor's figure, so every question has one.
 */
export const STATE_PROGRESS: Record<string, number> = {
  'flow.welcome': 0,
  'flow.consent': 0.05,
  'flow.route.forWhom': 0.1,
  'flow.route.initiative': 0.13,
  'flow.route.referrer': 0.15,
  'flow.clarify.difficulty': 0.2,
  'flow.clarify.category': 0.24,
  'flow.clarify.categoryPick': 0.24,
  'flow.clarify.since': 0.28,
  'flow.clarify.goal': 0.32,
  'flow.clarify.tried': 0.36,
  'flow.clarify.urgency': 0.4,
  'flow.strengths': 0.46,
  'flow.resources': 0.55,
  'flow.assess': 0.66,
  'flow.booking.modality': 0.7,
  'flow.booking.interpreter': 0.72,
  'flow.booking.accessibility': 0.74,
  'flow.booking.slots': 0.77,
  'flow.booking.noSlots': 0.77,
  'flow.booking.name': 0.8,
  'flow.booking.contactMethod': 0.82,
  'flow.booking.contactDetail': 0.84,
  'flow.referral': 0.8,
  'flow.info': 0.5,
  'flow.summary': 0.9,
  'flow.done': 1,
  'flow.manage': 0.5
};

export function progressOf(statePath: string, fallback: number): number {
  for (let path = statePath; path.length > 0; path = path.slice(0, Math.max(0, path.lastIndexOf('.')))) {
    const figure = STATE_PROGRESS[path];
    if (figure !== undefined) return figure;
    if (!path.includes('.')) break;
  }
  return fallback;
}
