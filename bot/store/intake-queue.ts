import type { IntakeRecord } from '../../dialogs/types';
import type { Db } from './db';

/** One intake as staff see it in the queue. */
export interface QueuedIntake {
  reference: string;
  record: IntakeRecord;
  createdAt: Date;
  bookingStatus?: 'booked' | 'cancelled';
}

interface Row {
  reference: string;
  record: IntakeRecord;
  created_at: Date;
  booking_status: 'booked' | 'cancelled' | null;
}

/** Counts for the tab's dashboard; grouping by week and hours is done by the caller. */
export interface QueueFigures {
  created: Array<{ createdAt: Date; category: string; outcome: string }>;
  /** Stages where conversations stopped without an intake being sent. */
  leftAt: Array<{ stage: string; count: number }>;
}

/** Reads intakes for the staff tab and the cards. */
export function createIntakeQueue(db: Db) {
  const select = `SELECT r.reference, r.record, r.created_at, b.status AS booking_status
    FROM intake_records r LEFT JOIN bookings b ON b.reference = r.reference`;
  const toQueued = (row: Row): QueuedIntake => ({
    reference: row.reference,
    record: row.record,
    createdAt: row.created_at,
    bookingStatus: row.booking_status ?? undefined
  });

  return {
    async find(reference: string): Promise<QueuedIntake | undefined> {
      const { rows } = await db.query<Row>(`${select} WHERE r.reference = $1`, [reference]);
      return rows[0] && toQueued(rows[0]);
    },

    /** Newest first, at most `limit`, optionally since a date. */
    async list(options: { limit: number; since?: Date }): Promise<QueuedIntake[]> {
      const { rows } = await db.query<Row>(`${select} WHERE r.created_at >= $1 ORDER BY r.created_at DESC LIMIT $2`, [
        options.since ?? new Date(0),
        options.limit
      ]);
      return rows.map(toQueued);
    },

    async figures(since: Date): Promise<QueueFigures> {
      const created = await db.query<{ created_at: Date; category: string | null; outcome: string | null }>(
        'SELECT created_at, category, outcome FROM intake_records WHERE created_at >= $1',
        [since]
      );
      const left = await db.query<{ stage: string; count: string }>(
        `SELECT c.stage, count(*)::text AS count FROM conversations c
         WHERE c.created_at >= $1 AND NOT EXISTS (SELECT 1 FROM intake_records r WHERE r.conversation_id = c.id)
         GROUP BY c.stage ORDER BY count(*) DESC`,
        [since]
      );
      return {
        created: created.rows.map((row) => ({ createdAt: row.created_at, category: row.category ?? 'other', outcome: row.outcome ?? 'info' })),
        leftAt: left.rows.map((row) => ({ stage: row.stage, count: Number(row.count) }))
      };
    }
  };
}

export type IntakeQueue = ReturnType<typeof createIntakeQueue>;
