import type { Queryable } from './db';

/**
 * Takes one seat in a slot, or returns false when it is full. One conditional upsert, so the
 * row lock serialises concurrent bookings and the count can never pass the capacity. The
 * capacity stored follows the agency file each time a seat is taken.
 */
export async function takeSeat(tx: Queryable, slotId: string, capacity: number): Promise<boolean> {
  if (!Number.isInteger(capacity) || capacity <= 0) return false;
  const { rows } = await tx.query(
    `INSERT INTO slot_seats AS s (slot_id, capacity, booked) VALUES ($1, $2, 1)
     ON CONFLICT (slot_id) DO UPDATE SET booked = s.booked + 1, capacity = EXCLUDED.capacity
     WHERE s.booked < EXCLUDED.capacity
     RETURNING s.booked`,
    [slotId, capacity]
  );
  return rows.length === 1;
}

/** Gives a seat back. */
export async function freeSeat(tx: Queryable, slotId: string): Promise<void> {
  await tx.query('UPDATE slot_seats SET booked = booked - 1 WHERE slot_id = $1 AND booked > 0', [slotId]);
}

/** Seats taken per slot; slots never booked count 0. */
export async function readBookedCounts(q: Queryable, slotIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(slotIds.map((id) => [id, 0]));
  if (slotIds.length === 0) return counts;
  const { rows } = await q.query<{ slot_id: string; booked: number }>(
    'SELECT slot_id, booked FROM slot_seats WHERE slot_id = ANY($1::text[])',
    [slotIds]
  );
  for (const row of rows) counts.set(row.slot_id, row.booked);
  return counts;
}

/**
 * Locks existing seat rows in slot-id order. Callers that touch two slots lock first, so two
 * moves in opposite directions wait for each other instead of deadlocking.
 */
export async function lockSeats(tx: Queryable, slotIds: string[]): Promise<void> {
  await tx.query('SELECT slot_id FROM slot_seats WHERE slot_id = ANY($1::text[]) ORDER BY slot_id FOR UPDATE', [slotIds]);
}
