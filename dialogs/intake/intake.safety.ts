import { enqueueActions } from 'xstate';
import type { CrisisType } from '../types';
import type { IntakeEvent, IntakeOutput } from './events';
import { assignContext, stamp } from './intake.actions';
import type { IntakeContext } from './intake.context';

/** The last crisis signal came from a check-in the person answered "not safe": no need to ask again. */
export function cameFromCheckIn(context: IntakeContext): boolean {
  return context.record.risk[context.record.risk.length - 1]?.tier === 'check-in';
}

/**
 * What the crisis guard's two tiers do to the conversation: an explicit signal is recorded as it
 * comes; a weaker one is noted while the check-in question is open and recorded only when the
 * person says they are not safe (or answers unclearly).
 */
export function safetyActions() {
  return {
    noteConcern: assignContext(({ event }) => (event.type === 'CONCERN' ? { concern: event.crisisType } : {})),
    forgetConcern: assignContext(() => ({ concern: undefined })),
    recordCrisis: assignContext(({ context, event }) => {
      const explicit = event.type === 'CRISIS';
      const type: CrisisType = explicit ? event.crisisType : (context.concern ?? 'self_harm');
      const signal = { type, at: event.at, stage: context.stage, staffAlerted: false, tier: explicit ? ('explicit' as const) : ('check-in' as const) };
      return { concern: undefined, record: stamp({ ...context.record, risk: [...context.record.risk, signal] }, event) };
    }),
    markStaffAlerted: assignContext(({ context }) => ({
      record: {
        ...context.record,
        risk: context.record.risk.map((signal, index) => (index === context.record.risk.length - 1 ? { ...signal, staffAlerted: true } : signal))
      }
    })),
    /** The crisis message and the emergency numbers, unless the person came from a check-in (they hear "call now" next). */
    sayCrisisIntro: enqueueActions<IntakeContext, IntakeEvent, undefined, IntakeEvent, never, never, never, never, IntakeOutput>(({ context, enqueue }) => {
      if (cameFromCheckIn(context)) return;
      enqueue.emit({ type: 'say', id: 'crisis.intro' });
      enqueue.emit({ type: 'emergency' });
    }),
    /** "Did you mean …?": the likely button, kept so that a "yes" next chooses it. */
    askBack: enqueueActions<IntakeContext, IntakeEvent, undefined, IntakeEvent, never, never, never, never, IntakeOutput>(({ event, enqueue }) => {
      if (event.type !== 'UNSURE') return;
      enqueue.assign({ suggestion: { question: event.question, value: event.value } });
      enqueue.emit({ type: 'didYouMean', value: event.value });
    }),
  };
}
