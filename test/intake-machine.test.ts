import { getShortestPaths } from 'xstate/graph';
import type { AnyStateNode } from 'xstate';
import type { IntakeEvent } from '../dialogs/intake/events';
import type { IntakeSnapshot } from '../dialogs/intake/intake.machine';
import { createConversationMachine } from '../dialogs/turn/conversation-machine';
import { currentQuestion } from '../dialogs/render/questions';
import { renderTurn } from '../dialogs/render/render-turn';
import { fakeServices, testAgency, testSlots } from './helpers/fake-intake';
import { machineDriver, said, values } from './helpers/machine-driver';

/** Walks a person from the welcome to the first clarify question. */
async function toClarify(driver: ReturnType<typeof machineDriver>) {
  await driver.start();
  await driver.choose('welcome.start');
  await driver.choose('consent.yes');
  await driver.choose('route.self');
  return driver.choose('route.own');
}

/** …and on to the area question, with a housing request. */
async function toArea(driver: ReturnType<typeof machineDriver>) {
  await toClarify(driver);
  await driver.text('I cannot pay my rent', { category: 'housing' });
  await driver.choose('category.confirm');
  await driver.choose('since.months');
  await driver.text('keep my flat');
  await driver.choose('tried.nothing');
  await driver.choose('urgency.this_week');
  await driver.choose('strength.caring');
  await driver.choose('strengths.done');
  await driver.choose('relation.family');
  await driver.choose('support.emotional');
  await driver.choose('tie.strong');
  return driver.choose('resources.done');
}

async function toSummaryWithBooking(driver: ReturnType<typeof machineDriver>) {
  await toArea(driver);
  await driver.text('0150');
  await driver.choose('modality.phone');
  await driver.choose('interpreter.none');
  await driver.choose('access.none');
  await driver.choose(`slot:${testSlots[0]!.id}`);
  await driver.text('Kim');
  await driver.choose('contact.phone');
  return driver.text('412 34 567');
}

describe('intake machine', () => {
  it('should greet, say what the chat can do, and offer to start, ask a question or manage a booking', async () => {
    const { question, outputs } = await machineDriver(fakeServices().services).start();
    expect(said(outputs)).toEqual(['welcome.greeting', 'welcome.whatICanDo']);
    expect(values(question)).toEqual(['welcome.start', 'welcome.question', 'welcome.booking']);
    expect(question).toMatchObject({ stage: 'welcome', progress: 0 });
  });

  it('should give the emergency numbers in the welcome outside opening hours', async () => {
    const { outputs } = await machineDriver(fakeServices().services, true).start();
    expect(said(outputs)).toEqual(['welcome.greetingAfterHours', 'emergency']);
  });

  it('should book an interview and submit the whole record once the summary is confirmed', async () => {
    const { services, submitted } = fakeServices();
    const driver = machineDriver(services);
    const summary = await toSummaryWithBooking(driver);
    expect(said(summary.outputs)).toContain('summary');
    expect(summary.question).toMatchObject({ id: 'summary.ask', stage: 'summary' });

    const done = await driver.choose('summary.send');
    expect(done.outputs).toContainEqual(expect.objectContaining({ type: 'confirmation', reference: 'DW-ABC234' }));
    expect(submitted).toHaveLength(1);
    const record = submitted[0]!.record;
    expect(submitted[0]!.slotId).toBe(testSlots[0]!.id);
    expect(submitted[0]!.modality).toBe('phone');
    expect(record).toMatchObject({
      consent: { given: true, version: 'test-1' },
      route: { forWhom: 'self', initiative: 'own' },
      request: { category: 'housing', categoryConfirmed: true, words: 'I cannot pay my rent', since: 'since.months', goal: 'keep my flat', triedBefore: 'tried.nothing', urgency: 'this_week' },
      strengths: ['strength.caring'],
      resources: [{ who: 'relation.family', relation: 'family', kinds: ['emotional'], tie: 'strong' }],
      area: { input: '0150', matched: '0150', inArea: true },
      contact: { name: 'Kim', method: 'phone', detail: '41234567' },
      outcome: 'booked'
    });
    expect(record.narrative?.purpose).toContain('I cannot pay my rent');
    expect(record.narrative?.suggestions).toContain('strengths');
    expect(done.snapshot.context.record.reference).toBe('DW-ABC234');
    expect(done.question).toMatchObject({ id: 'done.askRating', stage: 'done', progress: 1 });
  });

  it('should save the rating and comment after the intake is sent', async () => {
    const saved: unknown[] = [];
    const driver = machineDriver(fakeServices({ saveFeedback: async (input) => void saved.push(input) }).services);
    await toSummaryWithBooking(driver);
    await driver.choose('summary.send');
    await driver.choose('rating.4');
    const end = await driver.text('Quick and kind');
    expect(saved).toEqual([{ conversationId: 'conv-1', reference: 'DW-ABC234', rating: 4, comment: 'Quick and kind' }]);
    expect(said(end.outputs)).toContain('done.goodbye');
  });

  it('should offer referrals instead of a booking when the postcode is outside the area', async () => {
    const { services, submitted } = fakeServices();
    const driver = machineDriver(services);
    await toArea(driver);
    const referral = await driver.text('9990');
    expect(said(referral.outputs)).toEqual(['assess.outOfArea', 'referrals']);
    expect(referral.question).toMatchObject({ id: 'referral.askNext', stage: 'referral' });
    await driver.choose('referral.continue');
    const done = await driver.choose('summary.send');
    expect(submitted[0]!.slotId).toBeUndefined();
    expect(submitted[0]!.record).toMatchObject({ outcome: 'referred', area: { inArea: false }, referrals: [{ serviceId: 's1' }] });
    expect(said(done.outputs)).toContain('done.nextStepsReferred');
  });

  it('should refer a request the agency does not offer even inside the area', async () => {
    const driver = machineDriver(fakeServices().services);
    await toClarify(driver);
    await driver.text('my husband hits me', { category: 'violence' });
    await driver.choose('category.confirm');
    await driver.text('a year');
    await driver.text('to be safe');
    await driver.text('I called a friend');
    await driver.choose('urgency.can_wait');
    await driver.choose('strength.none');
    await driver.choose('resources.none');
    const referral = await driver.text('Riverside');
    expect(said(referral.outputs)).toEqual(['assess.notOffered', 'referrals']);
  });

  it('should ask again kindly when the postcode is not recognised, keeping everything else', async () => {
    const driver = machineDriver(fakeServices().services);
    await toArea(driver);
    const again = await driver.text('somewhere nice');
    expect(said(again.outputs)).toEqual(['assess.areaUnrecognised']);
    expect(again.question?.id).toBe('assess.askArea');
    expect(again.snapshot.context.record.request.goal).toBe('keep my flat');
  });

  it('should let the person pick a category when the proposed one is wrong', async () => {
    const driver = machineDriver(fakeServices().services);
    await toClarify(driver);
    await driver.text('it is about my papers', { category: 'housing' });
    const pick = await driver.choose('category.change');
    expect(values(pick.question)).toContain('category:legal_immigration');
    const next = await driver.choose('category:legal_immigration');
    expect(next.snapshot.context.record.request).toMatchObject({ category: 'legal_immigration', proposedCategory: 'housing', categoryConfirmed: true });
    expect(next.question?.id).toBe('clarify.askSince');
  });

  it('should record who sent a person who was required to come', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    await driver.choose('welcome.start');
    await driver.choose('consent.yes');
    await driver.choose('route.other');
    const referrer = await driver.choose('route.required');
    expect(referrer.question?.id).toBe('route.askReferrer');
    const next = await driver.choose('referrer.child_welfare');
    expect(next.snapshot.context.record.route).toEqual({ forWhom: 'other', initiative: 'required', byWhom: 'referrer.child_welfare' });
  });

  it('should go to information-only mode and store nothing personal when consent is declined', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    await driver.choose('welcome.start');
    const info = await driver.choose('consent.no');
    expect(said(info.outputs)).toEqual(['consent.declined']);
    expect(info.question?.id).toBe('info.ask');
    expect(info.snapshot.context.record.consent?.given).toBe(false);
    const answer = await driver.text('when are you open?', { faq: 'hours' });
    expect(answer.outputs).toEqual([{ type: 'faq', id: 'hours' }]);
  });

  it('should answer a question typed straight into the welcome', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    const answer = await driver.text('where are you?', { faq: 'address' });
    expect(answer.outputs).toEqual([{ type: 'faq', id: 'address' }]);
    expect(answer.question?.id).toBe('info.askNext');
  });

  it('should say so and offer to book or call when no FAQ answer matches', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    await driver.choose('welcome.question');
    const miss = await driver.text('what is the meaning of life');
    expect(said(miss.outputs)).toEqual(['info.noAnswer']);
    expect(values(miss.question)).toContain('info.book');
  });

  it('should interrupt any stage for a crisis, alert staff, and continue where it was', async () => {
    const { services, alerts } = fakeServices();
    const driver = machineDriver(services);
    await toClarify(driver);
    await driver.text('I cannot pay my rent', { category: 'housing' });
    const crisis = await driver.send({ type: 'CRISIS', crisisType: 'self_harm' });
    expect(said(crisis.outputs)).toEqual(['crisis.intro', 'emergency']);
    expect(crisis.question).toMatchObject({ id: 'crisis.askSafe', stage: 'clarify' });
    expect(alerts).toEqual([expect.objectContaining({ kind: 'crisis', crisisType: 'self_harm', conversationId: 'conv-1', stage: 'clarify' })]);
    expect(crisis.snapshot.context.record.risk).toEqual([expect.objectContaining({ type: 'self_harm', staffAlerted: true, stage: 'clarify' })]);

    const back = await driver.choose('crisis.safe');
    expect(back.question?.id).toBe('clarify.confirmCategory');
    expect(back.snapshot.context.record.request.words).toBe('I cannot pay my rent');
  });

  it('should repeat the numbers and stay with the person who is not safe', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    await driver.send({ type: 'CRISIS', crisisType: 'violence' });
    const unsafe = await driver.choose('crisis.unsafe');
    expect(said(unsafe.outputs)).toEqual(['crisis.callNow', 'emergency']);
    const back = await driver.choose('crisis.continue');
    expect(back.question?.id).toBe('welcome.ask');
  });

  it('should still record the crisis when alerting staff fails', async () => {
    const driver = machineDriver(fakeServices({ alertStaff: async () => Promise.reject(new Error('down')) }).services);
    await driver.start();
    const crisis = await driver.send({ type: 'CRISIS', crisisType: 'medical' });
    expect(crisis.question?.id).toBe('crisis.askSafe');
    expect(crisis.snapshot.context.record.risk).toEqual([expect.objectContaining({ type: 'medical', staffAlerted: false })]);
  });

  it('should let the person correct an answer from the summary and come back to it', async () => {
    const driver = machineDriver(fakeServices().services);
    await toSummaryWithBooking(driver);
    const fields = await driver.choose('summary.edit');
    expect(values(fields.question)).toEqual(expect.arrayContaining(['edit.goal', 'edit.slot', 'edit.contact', 'edit.nothing']));
    const goal = await driver.choose('edit.goal');
    expect(goal.question?.id).toBe('clarify.askGoal');
    const back = await driver.text('find a cheaper flat');
    expect(back.question?.id).toBe('summary.ask');
    expect(said(back.outputs)).toContain('summary');
    expect(back.snapshot.context.record.request.goal).toBe('find a cheaper flat');
    expect(back.snapshot.context.chosenSlot?.id).toBe(testSlots[0]!.id);
  });

  it('should re-offer times when the chosen slot was taken while the person was choosing', async () => {
    const driver = machineDriver(fakeServices({ submitIntake: async () => ({ ok: false, reason: 'slot_taken' }) }).services);
    await toSummaryWithBooking(driver);
    const taken = await driver.choose('summary.send');
    expect(said(taken.outputs)).toEqual(['booking.slotTaken', 'booking.slotsIntro']);
    expect(taken.question?.id).toBe('booking.askSlot');
    expect(taken.snapshot.context.record.contact.detail).toBe('41234567');
  });

  it('should ask again for a contact detail that is not a phone number', async () => {
    const driver = machineDriver(fakeServices().services);
    await toArea(driver);
    await driver.text('0150');
    await driver.choose('modality.in_person');
    await driver.choose('interpreter.nb');
    await driver.text('wheelchair access');
    await driver.choose(`slot:${testSlots[1]!.id}`);
    await driver.choose('name.skip');
    await driver.choose('contact.email');
    const bad = await driver.text('not an address');
    expect(said(bad.outputs)).toEqual(['booking.badEmail']);
    const good = await driver.text('kim@example.org');
    expect(good.snapshot.context.record.contact).toMatchObject({ method: 'email', detail: 'kim@example.org', interpreter: 'nb', accessibility: 'wheelchair access' });
  });

  it('should offer other ways to meet, or referrals, when no slots are free', async () => {
    const driver = machineDriver(fakeServices({ findSlots: async () => [] }).services);
    await toArea(driver);
    await driver.text('0150');
    await driver.choose('modality.video');
    await driver.choose('interpreter.none');
    const none = await driver.choose('access.none');
    expect(said(none.outputs)).toEqual(['booking.noSlots']);
    expect(values(none.question)).toEqual(['booking.otherModality', 'booking.referInstead']);
  });

  it('should change and cancel a booking by its reference', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    await driver.choose('welcome.booking');
    const unknown = await driver.text('DW-ZZZZZZ');
    expect(said(unknown.outputs)).toEqual(['manage.notFound']);
    const found = await driver.text('dw abc234');
    expect(found.outputs).toEqual([{ type: 'booking', reference: 'DW-ABC234' }]);
    await driver.choose('manage.change');
    const moved = await driver.choose(`slot:${testSlots[1]!.id}`);
    expect(said(moved.outputs)).toEqual(['booking', 'manage.changed', 'done.goodbye']);

    const again = machineDriver(fakeServices().services);
    await again.start();
    await again.send({ type: 'MANAGE_BOOKING' });
    await again.text('DW-ABC234');
    await again.choose('manage.cancel');
    const cancelled = await again.choose('manage.cancelYes');
    expect(said(cancelled.outputs)).toEqual(['manage.cancelled', 'done.goodbye']);
  });

  it('should stop looking up references after three wrong ones, even after starting over', async () => {
    const driver = machineDriver(fakeServices().services);
    await driver.start();
    await driver.choose('welcome.booking');
    await driver.text('DW-AAAAAA');
    await driver.text('DW-BBBBBB');
    const third = await driver.text('DW-CCCCCC');
    expect(said(third.outputs)).toEqual(['manage.notFound', 'manage.tooManyTries', 'done.goodbye']);
    expect(third.question?.id).toBe('done.askAgain');
    await driver.send({ type: 'RESTART' });
    await driver.choose('restart.yes');
    const again = await driver.send({ type: 'MANAGE_BOOKING' });
    expect(said(again.outputs)).toEqual(['manage.tooManyTries', 'done.goodbye']);
    expect(again.question?.id).toBe('done.askAgain');
  });

  describe('global events', () => {
    it('should give help and ask the same question again', async () => {
      const driver = machineDriver(fakeServices().services);
      await toClarify(driver);
      const help = await driver.send({ type: 'HELP' });
      expect(said(help.outputs)).toEqual(['help.general']);
      expect(help.question?.id).toBe('clarify.askDifficulty');
    });

    it('should start over only after confirming, keeping crisis signals', async () => {
      const driver = machineDriver(fakeServices().services);
      await toClarify(driver);
      await driver.send({ type: 'CRISIS', crisisType: 'self_harm' });
      await driver.choose('crisis.safe');
      await driver.text('rent', { category: 'housing' });
      const confirm = await driver.send({ type: 'RESTART' });
      expect(confirm.question?.id).toBe('restart.confirm');
      const kept = await driver.choose('restart.no');
      expect(kept.question?.id).toBe('clarify.confirmCategory');
      await driver.send({ type: 'RESTART' });
      const fresh = await driver.choose('restart.yes');
      expect(fresh.question?.id).toBe('welcome.ask');
      expect(fresh.snapshot.context.record.request.words).toBeUndefined();
      expect(fresh.snapshot.context.record.risk).toHaveLength(1);
    });

    it('should tell staff when the person wants to talk to a person, and carry on', async () => {
      const { services, alerts } = fakeServices();
      const driver = machineDriver(services);
      await toClarify(driver);
      const human = await driver.send({ type: 'HUMAN' });
      expect(said(human.outputs)).toEqual(['human.info']);
      expect(alerts).toEqual([expect.objectContaining({ kind: 'human' })]);
      expect(human.question?.id).toBe('clarify.askDifficulty');
    });

    it('should know the office closed while the person was chatting', async () => {
      const driver = machineDriver(fakeServices().services);
      await toClarify(driver);
      await driver.send({ type: 'TICK', afterHours: true });
      const human = await driver.send({ type: 'HUMAN' });
      expect(said(human.outputs)).toEqual(['human.infoAfterHours']);
    });

    it('should offer the languages and come back to the question', async () => {
      const driver = machineDriver(fakeServices().services);
      await toClarify(driver);
      const language = await driver.send({ type: 'LANGUAGE' });
      expect(values(language.question)).toEqual(['lang:en', 'language.keep']);
      const back = await driver.choose('lang:en');
      expect(said(back.outputs)).toEqual(['language.changed']);
      expect(back.question?.id).toBe('clarify.askDifficulty');
    });

    it('should delete the data after confirmation and start afresh', async () => {
      const deleted: string[] = [];
      const driver = machineDriver(fakeServices({ deleteData: async ({ conversationId }) => void deleted.push(conversationId) }).services);
      await toArea(driver);
      await driver.send({ type: 'DELETE' });
      const done = await driver.choose('delete.yes');
      expect(deleted).toEqual(['conv-1']);
      expect(said(done.outputs)).toContain('delete.done');
      expect(done.snapshot.context.record.request.goal).toBeUndefined();
      expect(done.snapshot.context.record.consent).toBeUndefined();
    });

    it('should pause, then ask whether to continue, and continue where it stopped', async () => {
      const driver = machineDriver(fakeServices().services);
      await toArea(driver);
      const paused = await driver.send({ type: 'PAUSE' });
      expect(said(paused.outputs)).toEqual(['pause.saved']);
      const welcomeBack = await driver.text('hi again');
      expect(welcomeBack.question?.id).toBe('resume.ask');
      const back = await driver.choose('resume.yes');
      expect(back.question?.id).toBe('assess.askArea');
    });

    it('should ask a person returning after a long silence whether to continue', async () => {
      const driver = machineDriver(fakeServices().services);
      await toClarify(driver);
      const idle = await driver.send({ type: 'IDLE_RETURN' });
      expect(idle.question?.id).toBe('resume.ask');
      await driver.choose('resume.restart');
      const fresh = await driver.choose('restart.yes');
      expect(fresh.question?.id).toBe('welcome.ask');
    });

    it('should answer unreadable input kindly and keep the question', async () => {
      const driver = machineDriver(fakeServices().services);
      await toClarify(driver);
      const unreadable = await driver.send({ type: 'UNREADABLE', reason: 'attachment' });
      expect(said(unreadable.outputs)).toEqual(['common.unreadable.attachment']);
      expect(unreadable.question?.id).toBe('clarify.askDifficulty');
    });

    it('should offer a person after repeated answers it cannot use', async () => {
      const driver = machineDriver(fakeServices().services);
      await driver.start();
      await driver.choose('welcome.start');
      await driver.text('banana');
      await driver.text('banana');
      const third = await driver.text('banana');
      expect(said(third.outputs)).toEqual(['common.notUnderstoodOfferPerson']);
    });
  });
});

describe('intake machine paths', () => {
  const { services } = fakeServices();
  const machine = createConversationMachine({ agency: testAgency, services });
  const match = { serviceId: 's1', name: 'Clinic', organization: 'Org', description: 'Help', reasons: ['category' as const], openNow: true, hours: [] };
  const booking = { slotId: testSlots[0]!.id, start: testSlots[0]!.start, end: testSlots[0]!.end, modality: 'phone' as const, place: 'x', status: 'booked' as const };
  const at = '2026-11-22T10:00:00.000Z';

  /** Finished service calls, as the graph walker cannot run promises. */
  const serviceResults: Record<string, unknown[]> = {
    checkArea: [{ kind: 'in_area', matched: '0150' }, { kind: 'out_of_area', matched: '9990' }, { kind: 'unrecognised' }],
    findSlots: [testSlots, []],
    findReferrals: [[match], []],
    submitIntake: [{ ok: true, reference: 'DW-ABC234', booking }, { ok: true, reference: 'DW-ABC235' }, { ok: false, reason: 'slot_taken' }],
    findBooking: [{ reference: 'DW-ABC234', booking }, undefined],
    cancelBooking: [true, false],
    rebook: [{ ok: true, booking }, { ok: false, reason: 'slot_taken' }],
    alertStaff: [undefined],
    deleteData: [undefined],
    saveFeedback: [undefined]
  };

  const eventsFor = (snapshot: IntakeSnapshot): IntakeEvent[] => {
    if (snapshot.hasTag('busy')) {
      const running = Object.keys(snapshot.children);
      return running.flatMap((id) => [
        ...(serviceResults[id] ?? []).map((output) => ({ type: `xstate.done.actor.${id}`, output }) as unknown as IntakeEvent),
        { type: `xstate.error.actor.${id}`, error: new Error('down') } as unknown as IntakeEvent
      ]);
    }
    const question = currentQuestion(snapshot, testAgency);
    const texts: IntakeEvent[] = question?.freeText
      ? [
          { type: 'TEXT', text: '0150', at },
          { type: 'TEXT', text: '41234567', at },
          { type: 'TEXT', text: 'words', at, category: 'housing' },
          { type: 'TEXT', text: 'words', at, category: 'violence' },
          { type: 'TEXT', text: 'words', at, category: 'other', faq: 'hours' }
        ]
      : [{ type: 'TEXT', text: 'no', at, yesNo: 'no' }];
    return [
      ...(question?.choices ?? []).map((choice): IntakeEvent => ({ type: 'CHOOSE', value: choice.value, at })),
      ...texts,
      { type: 'CRISIS', crisisType: 'self_harm', at },
      { type: 'CONCERN', crisisType: 'violence', at },
      ...(question?.choices.slice(0, 1) ?? []).map((choice): IntakeEvent => ({ type: 'UNSURE', value: choice.value, question: question?.id ?? '', at })),
      { type: 'HELP', at },
      { type: 'RESTART', at },
      { type: 'HUMAN', at },
      { type: 'LANGUAGE', at },
      { type: 'DELETE', at },
      { type: 'PAUSE', at },
      { type: 'IDLE_RETURN', at },
      { type: 'MANAGE_BOOKING', at },
      { type: 'UNREADABLE', reason: 'emoji', at }
    ];
  };

  const paths = getShortestPaths(machine, {
    input: { conversationId: 'conv-1', channel: 'test', locale: 'en', afterHours: false, at },
    events: eventsFor,
    serializeState: (snapshot) =>
      JSON.stringify([snapshot.value, snapshot.context.editing, snapshot.context.record.consent?.given, snapshot.context.chosenSlot !== undefined]) as never
  });

  const leafPaths = (value: unknown, prefix = ''): string[] =>
    typeof value === 'string'
      ? [`${prefix}${value}`]
      : Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leafPaths(child, `${prefix}${key}.`));

  /** Every state a conversation can rest in: atomic, and not a pass-through (`always`) state. */
  const restingStates = (node: AnyStateNode, prefix = ''): string[] =>
    Object.values(node.states).flatMap((child) => {
      const path = `${prefix}${child.key}`;
      if (child.type === 'history') return [];
      if (child.type === 'atomic') return child.always && child.always.length > 0 ? [] : [path];
      return restingStates(child, `${path}.`);
    });

  it('should reach every state of the chart', () => {
    expect(paths.length).toBeGreaterThan(60);
    const reached = new Set(paths.flatMap((path) => leafPaths(path.state.value)));
    const unreached = restingStates(machine.root).filter((state) => !reached.has(state));
    expect(unreached).toEqual([]);
  });

  it('should render every reachable question with all its words present', () => {
    const problems: string[] = [];
    for (const path of paths) {
      const snapshot = path.state as IntakeSnapshot;
      if (snapshot.hasTag('busy')) continue;
      for (const message of renderTurn({ outputs: [], snapshot, agency: testAgency })) {
        const missing = [message.text, ...(message.choices ?? []).map((choice) => choice.title)].filter((text) => /\[[a-zA-Z_.:-]+\]|\{\w+\}/.test(text));
        if (missing.length > 0) problems.push(`${JSON.stringify(snapshot.value)}: ${missing.join(' | ')}`);
        if (message.intake.progress < 0 || message.intake.progress > 1) problems.push(`${JSON.stringify(snapshot.value)}: progress ${message.intake.progress}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
