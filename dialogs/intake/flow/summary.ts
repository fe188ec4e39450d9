import type { IntakeContext, IntakeSetup } from '../intake.setup';
import { chose, enterStage, say } from './transitions';

/** The answers the person can correct from the summary, and the question each goes back to. */
const EDITS: Array<{ value: string; target: string; clear?: 'clearStrengths' | 'clearResources' }> = [
  { value: 'edit.request', target: '#intake.flow.clarify.difficulty' },
  { value: 'edit.category', target: '#intake.flow.clarify.categoryPick' },
  { value: 'edit.since', target: '#intake.flow.clarify.since' },
  { value: 'edit.goal', target: '#intake.flow.clarify.goal' },
  { value: 'edit.tried', target: '#intake.flow.clarify.tried' },
  { value: 'edit.urgency', target: '#intake.flow.clarify.urgency' },
  { value: 'edit.strengths', target: '#intake.flow.strengths.ask', clear: 'clearStrengths' },
  { value: 'edit.resources', target: '#intake.flow.resources.who', clear: 'clearResources' },
  { value: 'edit.area', target: '#intake.flow.assess.area' },
  { value: 'edit.slot', target: '#intake.flow.booking.searching' },
  { value: 'edit.contact', target: '#intake.flow.booking.name' }
];

/** Everything gathered, shown back before it is sent; any answer can be corrected first. */
export function summaryState(s: IntakeSetup) {
  return s.createStateConfig({
    initial: 'review',
    entry: [enterStage('summary'), 'stopEditing'],
    states: {
      review: {
        entry: 'showSummary',
        meta: { question: 'summary.ask', choices: ['summary.send', 'summary.edit'], yes: 'summary.send', no: 'summary.edit' },
        on: {
          CHOOSE: [
            { guard: chose('summary.send'), target: '#intake.flow.submitting' },
            { guard: chose('summary.edit'), target: 'pickField' }
          ]
        }
      },
      pickField: {
        meta: { question: 'summary.askField', choices: 'editFields' },
        on: {
          CHOOSE: [
            ...EDITS.map(({ value, target, clear }) => ({
              guard: chose(value),
              actions: clear ? ['startEditing' as const, clear] : ['startEditing' as const],
              target
            })),
            { guard: chose('edit.nothing'), target: 'review' }
          ]
        }
      }
    }
  });
}

/** Sends the record, with the booking when a slot was chosen; a slot taken meanwhile means choosing again. */
export function submittingState(s: IntakeSetup) {
  return s.createStateConfig({
    tags: ['busy'],
    invoke: {
      id: 'submitIntake',
      src: 'submitIntake',
      input: ({ context }) => submission(context),
      onDone: [
        {
          guard: { type: 'hasFailed', params: ({ event }) => ({ result: event.output }) },
          actions: ['forgetChosenSlot', say('booking.slotTaken')],
          target: '#intake.flow.booking.searching'
        },
        {
          actions: [
            { type: 'recordSubmission', params: ({ event }) => ({ result: event.output }) },
            { type: 'confirmSubmission', params: ({ event }) => ({ result: event.output }) }
          ],
          target: '#intake.flow.done'
        }
      ],
      onError: { actions: say('summary.sendFailed'), target: '#intake.flow.summary' }
    }
  });
}

function submission(context: IntakeContext) {
  const slot = context.chosenSlot;
  return {
    conversationId: context.conversationId,
    record: {
      ...context.record,
      outcome: slot ? ('booked' as const) : context.record.referrals.length > 0 ? ('referred' as const) : ('info' as const),
      booking: slot
        ? { slotId: slot.id, start: slot.start, end: slot.end, modality: context.modality ?? 'in_person', place: slot.place, status: 'booked' as const }
        : undefined
    },
    slot,
    modality: context.modality
  };
}
