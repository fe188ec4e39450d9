import type { Db } from '../../store/db';

export const CASE_ACTIONS = ['take', 'contacted', 'urgent'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** The staff member who acted, as Teams names them. */
export interface Actor {
  id: string;
  name: string;
  tenantId: string;
}

/** Where a case stands, folded from its actions. */
export interface CaseState {
  assignee?: { name: string; at: Date };
  contacted?: { name: string; at: Date };
  urgent?: { name: string; at: Date };
}

interface Row {
  action: CaseAction;
  actor_id: string;
  actor_name: string;
  at: Date;
}

export type RecordResult = 'recorded' | 'unchanged' | 'not_found';

/** Case actions from card buttons; each kept with who and when. */
export function createCaseActions(db: Db, now: () => Date) {
  const history = async (q: Pick<Db, 'query'>, reference: string): Promise<Row[]> =>
    (await q.query<Row>('SELECT action, actor_id, actor_name, at FROM case_actions WHERE reference = $1 ORDER BY id', [reference])).rows;

  return {
    /**
     * Records an action unless it would change nothing (a double-click, or taking a case one
     * already has). The intake row is locked so two clicks at once cannot both count.
     */
    record(reference: string, action: CaseAction, actor: Actor): Promise<RecordResult> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query('SELECT reference FROM intake_records WHERE reference = $1 FOR UPDATE', [reference]);
        if (rows.length === 0) return 'not_found';
        const { state, assigneeId } = fold(await history(tx, reference));
        const unchanged = action === 'take' ? assigneeId === actor.id : action === 'contacted' ? Boolean(state.contacted) : Boolean(state.urgent);
        if (unchanged) return 'unchanged';
        await tx.query(
          'INSERT INTO case_actions (reference, action, actor_id, actor_name, tenant_id, at) VALUES ($1, $2, $3, $4, $5, $6)',
          [reference, action, actor.id, actor.name, actor.tenantId, now()]
        );
        return 'recorded';
      });
    },

    async state(reference: string): Promise<CaseState> {
      return fold(await history(db, reference)).state;
    },

    /** States of many cases at once, for the intake queue. */
    async states(references: string[]): Promise<Map<string, CaseState>> {
      if (references.length === 0) return new Map();
      const { rows } = await db.query<Row & { reference: string }>(
        'SELECT reference, action, actor_id, actor_name, at FROM case_actions WHERE reference = ANY($1::text[]) ORDER BY id',
        [references]
      );
      const grouped = new Map<string, Row[]>();
      for (const row of rows) grouped.set(row.reference, [...(grouped.get(row.reference) ?? []), row]);
      return new Map([...grouped].map(([reference, list]) => [reference, fold(list).state]));
    }
  };
}

export type CaseActions = ReturnType<typeof createCaseActions>;

/** Replays the actions in order; the assignee's id is kept apart, as staff only see names. */
function fold(rows: Row[]): { state: CaseState; assigneeId?: string } {
  const state: CaseState = {};
  let assigneeId: string | undefined;
  for (const row of rows) {
    const entry = { name: row.actor_name, at: row.at };
    if (row.action === 'take') {
      state.assignee = entry;
      assigneeId = row.actor_id;
    } else if (row.action === 'contacted') state.contacted = entry;
    else state.urgent = entry;
  }
  return { state, assigneeId };
}
