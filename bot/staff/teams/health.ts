import type { Db } from '../../store/db';
import { PARKED_PREFIX, type TeamsInstallations } from '../store/teams-installations';

/** What `/healthz` tells about the staff side: where cards go and what is waiting. */
export interface StaffHealth {
  staffChannels: Array<{ id: string; status: string; reason?: string; since: string }>;
  outbox: { pending: number; parked: number; failing: number; oldestPendingAt?: string };
}

/** Reads the staff side's state; an uninstalled or blocked channel shows here with its reason. */
export async function staffHealth(db: Db, installations: TeamsInstallations): Promise<StaffHealth> {
  const channels = await installations.all();
  const { rows } = await db.query<{ pending: string; parked: string; failing: string; oldest: Date | null }>(
    `SELECT count(*)::text AS pending,
            count(*) FILTER (WHERE last_error LIKE $1)::text AS parked,
            count(*) FILTER (WHERE attempts > 0 AND (last_error IS NULL OR last_error NOT LIKE $1))::text AS failing,
            min(created_at) AS oldest
     FROM outbox WHERE delivered_at IS NULL`,
    [`${PARKED_PREFIX}%`]
  );
  const row = rows[0];
  return {
    staffChannels: channels.map((channel) => ({
      id: channel.id,
      status: channel.status,
      reason: channel.statusReason,
      since: channel.updatedAt.toISOString()
    })),
    outbox: {
      pending: Number(row?.pending ?? 0),
      parked: Number(row?.parked ?? 0),
      failing: Number(row?.failing ?? 0),
      oldestPendingAt: row?.oldest ? row.oldest.toISOString() : undefined
    }
  };
}
