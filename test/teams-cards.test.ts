import { alertCard } from '../bot/staff/teams/alert-card';
import { inert, plainFact } from '../bot/staff/teams/card-text';
import { ecoMapSvg } from '../bot/staff/teams/eco-map';
import { summaryCard } from '../bot/staff/teams/summary-card';
import { record } from './helpers/connector-stand-in';

const labels = { person: 'Person', kind: (kind: string) => kind, tie: (tie: string) => tie };

describe('staff cards', () => {
  it('should name pressed buttons in the staff language, and keep typed words as typed', () => {
    const card = summaryCard({
      kind: 'booked',
      record: {
        ...record('the rent is too high'),
        reference: 'DW-ABC234',
        request: { categoryConfirmed: true, category: 'housing', words: 'the rent is too high', since: 'since.months', triedBefore: 'tried.nothing', urgency: 'this_week' },
        strengths: ['strength.caring', 'I bake bread for the neighbours'],
        resources: [{ who: 'relation.family', relation: 'family', kinds: ['emotional'], tie: 'strong' }]
      },
      state: {},
      staffLocale: 'en',
      timeZone: 'Europe/Oslo'
    });
    const json = JSON.stringify(card);
    for (const label of ['Some months', 'Nothing yet', 'I care for others', 'Family', 'I bake bread for the neighbours']) expect(json).toContain(label);
    for (const id of ['since.months', 'tried.nothing', 'strength.caring', 'relation.family']) expect(json).not.toContain(id);
  });

  it('should build a referral card with the referred services and no booking', () => {
    const card = summaryCard({
      kind: 'referred',
      record: { ...record('words'), reference: 'DW-ABC234', outcome: 'referred', referrals: [{ serviceId: 's1', name: 'Legal *Aid* Clinic', reasons: ['category'] }] },
      state: {},
      staffLocale: 'en',
      timeZone: 'Europe/Oslo'
    });
    const json = JSON.stringify(card);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(json).toContain('New intake: referred to another service');
    expect(json).toContain('Legal \\\\*Aid\\\\* Clinic');
    expect(json).toContain('Not taken yet.');
    expect(json).not.toContain('"type":"Image"');
  });

  it('should show who took the case and when', () => {
    const card = summaryCard({
      kind: 'booked',
      record: { ...record('words'), reference: 'DW-ABC234' },
      state: { assignee: { name: 'Kari {{x}}', at: new Date('2026-11-24T09:05:00Z') } },
      staffLocale: 'en',
      timeZone: 'Europe/Oslo'
    });
    expect(JSON.stringify(card)).toMatch(/Taken by Kari \{\u2060\{x\}\u2060\}, Nov 24, 2026, 10:05\sAM/);
  });

  it('should name the crisis type, the language, the time and what the person was shown', () => {
    const card = alertCard(
      { kind: 'crisis', conversationId: 'conv-1', locale: 'nb', crisisType: 'violence', stage: 'clarify', at: '2026-11-24T21:30:00Z', shown: ['crisis.askSafe'] },
      'en',
      'Europe/Oslo'
    );
    const json = JSON.stringify(card);
    for (const expected of ['Crisis alert', 'violence or threats', 'Norwegian Bokmål', 'Nov 24, 2026, 10:30', 'clarify', 'What they were shown']) expect(json).toContain(expected);
    expect(json).not.toContain('[crisis.askSafe]');
  });

  it('should make typed text inert for cards', () => {
    expect(inert('{{DATE(2026-01-01T00:00:00Z)}}')).not.toContain('{{');
    expect(plainFact('**bold** [link](http://x) <b>')).toBe('\\*\\*bold\\*\\* \\[link\\](http://x) \\<b\\>');
  });
});

describe('eco-map', () => {
  it('should draw each kind of tie differently, label the support, and escape what was typed', () => {
    const svg = ecoMapSvg(
      [
        { who: 'Anna', relation: 'family', kinds: ['emotional'], tie: 'strong' },
        { who: '<script>x</script>', relation: 'friend', kinds: ['practical', 'financial'], tie: 'weak' },
        { who: 'my ex', relation: 'family', kinds: ['financial'], tie: 'strained' }
      ],
      labels
    );
    expect(svg).toContain('stroke-width="7"');
    expect(svg).toContain('stroke-dasharray');
    expect(svg.match(/stroke="#b91c1c"/g)!.length).toBeGreaterThan(4);
    expect(svg).toContain('practical, financial');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('<script>');
  });
});
