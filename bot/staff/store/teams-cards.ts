import type { Db } from '../../store/db';

/** A card the agent posted for one outbox event. */
export interface TeamsCard {
  outboxId: string;
  kind: string;
  reference?: string;
  installationId: string;
  conversationId: string;
  activityId: string;
}

interface Row {
  outbox_id: string;
  kind: string;
  reference: string | null;
  installation_id: string;
  conversation_id: string;
  activity_id: string;
}

const COLUMNS = 'outbox_id::text AS outbox_id, kind, reference, installation_id, conversation_id, activity_id';

/** Which card carries which event; the record that makes delivery idempotent. */
export function createTeamsCards(db: Db, now: () => Date) {
  return {
    async byOutboxId(outboxId: string): Promise<TeamsCard | undefined> {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM teams_cards WHERE outbox_id = $1::bigint`, [outboxId]);
      return rows[0] && toCard(rows[0]);
    },

    async byActivity(conversationId: string, activityId: string): Promise<TeamsCard | undefined> {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM teams_cards WHERE conversation_id = $1 AND activity_id = $2`,
        [conversationId, activityId]
      );
      return rows[0] && toCard(rows[0]);
    },

    /** The first crisis alert card posted for a help-seeker's conversation, if any. */
    async crisisAlertFor(helpSeekerConversationId: string): Promise<TeamsCard | undefined> {
      const { rows } = await db.query<Row>(
        `SELECT c.outbox_id::text AS outbox_id, c.kind, c.reference, c.installation_id, c.conversation_id, c.activity_id
         FROM teams_cards c JOIN outbox o ON o.id = c.outbox_id
         WHERE o.kind = 'crisis.alert' AND o.payload->>'conversationId' = $1 ORDER BY c.outbox_id LIMIT 1`,
        [helpSeekerConversationId]
      );
      return rows[0] && toCard(rows[0]);
    },

    /** Every crisis alert raised in a help-seeker's conversation, oldest first. */
    async crisisAlertsOf(helpSeekerConversationId: string): Promise<unknown[]> {
      const { rows } = await db.query<{ payload: unknown }>(
        `SELECT payload FROM outbox WHERE kind = 'crisis.alert' AND payload->>'conversationId' = $1 ORDER BY id`,
        [helpSeekerConversationId]
      );
      return rows.map((row) => row.payload);
    },

    async forReference(reference: string): Promise<TeamsCard[]> {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM teams_cards WHERE reference = $1 ORDER BY outbox_id`, [reference]);
      return rows.map(toCard);
    },

    /**
     * Records the posted card and marks its event delivered in one transaction, so a restart
     * finds either both or neither. Returns false when the event was already delivered.
     */
    recordDelivery(card: TeamsCard): Promise<boolean> {
      return db.transaction(async (tx) => {
        const at = now();
        const { rows } = await tx.query(
          'UPDATE outbox SET delivered_at = $2, last_error = NULL WHERE id = $1::bigint AND delivered_at IS NULL RETURNING id',
          [card.outboxId, at]
        );
        await tx.query(
          `INSERT INTO teams_cards (outbox_id, kind, reference, installation_id, conversation_id, activity_id, created_at)
           VALUES ($1::bigint, $2, $3, $4, $5, $6, $7) ON CONFLICT (outbox_id) DO NOTHING`,
          [card.outboxId, card.kind, card.reference ?? null, card.installationId, card.conversationId, card.activityId, at]
        );
        return rows.length === 1;
      });
    }
  };
}

export type TeamsCards = ReturnType<typeof createTeamsCards>;

function toCard(row: Row): TeamsCard {
  return {
    outboxId: row.outbox_id,
    kind: row.kind,
    reference: row.reference ?? undefined,
    installationId: row.installation_id,
    conversationId: row.conversation_id,
    activityId: row.activity_id
  };
}
