import {
  book, cardPosts, FAST_OUTBOX, install, postActivity, runningClock, startConnectorStandIn, teamActivity, TENANT, type ConnectorStandIn
} from './helpers/connector-stand-in';
import { startDoorway, type RunningDoorway } from './helpers/test-server';

// The SDK's JWT middleware loads jwks-rsa; these tests run without app credentials.
jest.mock('jwks-rsa', () => ({ __esModule: true, default: () => ({}) }));

interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}

describe('card actions in Teams', () => {
  let standIn: ConnectorStandIn;
  let running: RunningDoorway;
  let reference: string;
  let cardId: string;

  beforeAll(async () => {
    standIn = await startConnectorStandIn();
    running = await startDoorway({ now: runningClock(), env: FAST_OUTBOX });
    await install(running, standIn);
    reference = await book(running, 'conv-actions', 'I cannot pay the rent');
    await standIn.waitFor(() => cardPosts(standIn).length === 1);
    cardId = cardPosts(standIn)[0]!.responseId!;
  });
  afterAll(async () => {
    await running.close();
    await standIn.close();
  });

  const press = async (verb: string, data: unknown, from: Record<string, unknown> = {}, tenant = TENANT): Promise<InvokeBody> => {
    const result = await postActivity(running, teamActivity(standIn, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `invoke-${Math.random()}`,
      replyToId: cardId,
      from: { id: '29:kari', aadObjectId: 'aad-kari', name: 'Kari Nordmann', ...from },
      conversation: { id: '19:staff-intake@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: tenant },
      channelData: { team: { id: '19:team-general@thread.tacv2' }, tenant: { id: tenant } },
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }
    }));
    expect(result.status).toBe(200);
    return result.body as InvokeBody;
  };

  it('should assign the case to whoever pressed "Take this case" and update the card for everyone', async () => {
    const body = await press('case.take', { reference });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('Taken by Kari Nordmann');
    await standIn.waitFor(() => standIn.updates().length === 1);
    const update = standIn.updates()[0]!;
    expect(update.activityId).toBe(cardId);
    expect(JSON.stringify(update.body)).toContain('Taken by Kari Nordmann');
    const { rows } = await running.doorway.db.query<{ actor_name: string; action: string }>('SELECT action, actor_name FROM case_actions WHERE reference = $1', [reference]);
    expect(rows).toEqual([{ action: 'take', actor_name: 'Kari Nordmann' }]);
  });

  it('should record a double-click once', async () => {
    await press('case.contacted', { reference });
    const again = await press('case.contacted', { reference });
    expect(JSON.stringify(again.value)).toContain('Contacted by Kari Nordmann');
    const { rows } = await running.doorway.db.query('SELECT 1 FROM case_actions WHERE reference = $1 AND action = $2', [reference, 'contacted']);
    expect(rows).toHaveLength(1);
  });

  it('should say so visibly, and record nothing, for forged or missing data', async () => {
    for (const [verb, data] of [['case.delete', { reference }], ['case.take', {}], ['case.take', { reference: '<script>' }]] as const) {
      const body = await press(verb, data);
      expect(body.type).toBe('application/vnd.microsoft.activity.message');
      expect(String(body.value)).toContain('not valid');
    }
  });

  it('should refuse staff of another tenant', async () => {
    const body = await press('case.urgent', { reference }, {}, 'tenant-elsewhere');
    expect(String(body.value)).toContain("agency's own organisation");
    const { rows } = await running.doorway.db.query('SELECT 1 FROM case_actions WHERE action = $1', ['urgent']);
    expect(rows).toHaveLength(0);
  });

  it('should say the intake is gone when it was erased', async () => {
    await running.doorway.store.deleteConversationData('conv-actions');
    const body = await press('case.urgent', { reference });
    expect(String(body.value)).toContain('no longer exists');
    // The erasure notice goes out, and the earlier card is redacted for everyone.
    await standIn.waitFor(() => standIn.updates().some((update) => update.activityId === cardId && JSON.stringify(update.body).includes('Intake erased')));
    expect(JSON.stringify(standIn.updates().at(-1)!.body)).not.toContain('rent');
  });
});
