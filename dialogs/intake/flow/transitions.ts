import type { Stage } from '../stages';

/** Guard: the person pressed the button `value`. */
export const chose = (value: string) => ({ type: 'chose' as const, params: { value } });

/** Guard: the person pressed one of these buttons. */
export const choseOneOf = (...values: string[]) => ({ type: 'choseOneOf' as const, params: { values } });

/** Guard: the person pressed a button of one family, such as `urgency.`. */
export const choseFrom = (prefix: string) => ({ type: 'choseFrom' as const, params: { prefix } });

/** Action: say the message `id` from the locale files. */
export const say = (id: string) => ({ type: 'say' as const, params: { id } });

/** Entry action of every stage: report the stage and forget the misses of the one before. */
export const enterStage = (stage: Stage) => ({ type: 'enterStage' as const, params: { stage } });

/**
 * A pass-through state after an answer: back to the summary when the person was correcting
 * that answer, else on to `target`.
 */
export const returnUnlessEditing = (target: string) => ({
  always: [{ guard: 'isEditing' as const, target: '#intake.flow.summary' }, { target }]
});
