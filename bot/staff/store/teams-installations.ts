import type { Db } from '../../store/db';

/** Where the agent may post: a team's channel, from an install event or the agency file. */
export interface TeamsInstallation {
  id: string;
  tenantId: string;
  teamId?: string;
  channelId: string;
  serviceUrl: string;
  source: 'event' | 'agency';
  status: 'active' | 'uninstalled' | 'blocked';
  statusReason?: string;
  installedAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  tenant_id: string;
  team_id: string | null;
  channel_id: string;
  service_url: string;
  source: TeamsInstallation['source'];
  status: TeamsInstallation['status'];
  status_reason: string | null;
  installed_at: Date;
  updated_at: Date;
}

/** Marks outbox events parked for want of a channel, so they can be released on install. */
export const PARKED_PREFIX = 'parked: ';

/** Installations of the staff side; small on purpose, one row per channel. */
export function createTeamsInstallations(db: Db, now: () => Date) {
  return {
    /**
     * Stores (or revives) an installation and releases events parked while no channel could
     * be reached, so a reinstall delivers what was waiting instead of losing it.
     */
    async install(input: Pick<TeamsInstallation, 'id' | 'tenantId' | 'teamId' | 'channelId' | 'serviceUrl' | 'source'>): Promise<void> {
      const at = now();
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO teams_installations (id, tenant_id, team_id, channel_id, service_url, source, status, installed_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)
           ON CONFLICT (id) DO UPDATE SET tenant_id = $2, team_id = $3, channel_id = $4, service_url = $5, source = $6,
             status = 'active', status_reason = NULL, updated_at = $7`,
          [input.id, input.tenantId, input.teamId ?? null, input.channelId, input.serviceUrl, input.source, at]
        );
        await tx.query(
          `UPDATE outbox SET next_attempt_at = $1 WHERE delivered_at IS NULL AND last_error LIKE $2`,
          [at, `${PARKED_PREFIX}%`]
        );
      });
    },

    /**
     * Adds the channel named in the agency file unless it is already known, so a restart never
     * revives a channel that refused us or was uninstalled.
     */
    async ensure(input: Pick<TeamsInstallation, 'id' | 'tenantId' | 'teamId' | 'channelId' | 'serviceUrl'>): Promise<void> {
      const at = now();
      await db.query(
        `INSERT INTO teams_installations (id, tenant_id, team_id, channel_id, service_url, source, status, installed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'agency', 'active', $6, $6) ON CONFLICT (id) DO NOTHING`,
        [input.id, input.tenantId, input.teamId ?? null, input.channelId, input.serviceUrl, at]
      );
    },

    /** Records an uninstall or a refusal (403); the worker stops posting there. */
    async setStatus(id: string, status: 'uninstalled' | 'blocked', reason: string): Promise<void> {
      await db.query('UPDATE teams_installations SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1', [id, status, reason, now()]);
    },

    /** The channel to post to: the most recently installed active one. */
    async active(): Promise<TeamsInstallation | undefined> {
      const { rows } = await db.query<Row>(
        `SELECT * FROM teams_installations WHERE status = 'active' ORDER BY (source = 'event') DESC, updated_at DESC LIMIT 1`
      );
      return rows[0] && toInstallation(rows[0]);
    },

    async byId(id: string): Promise<TeamsInstallation | undefined> {
      const { rows } = await db.query<Row>('SELECT * FROM teams_installations WHERE id = $1', [id]);
      return rows[0] && toInstallation(rows[0]);
    },

    async all(): Promise<TeamsInstallation[]> {
      const { rows } = await db.query<Row>('SELECT * FROM teams_installations ORDER BY updated_at DESC');
      return rows.map(toInstallation);
    }
  };
}

export type TeamsInstallations = ReturnType<typeof createTeamsInstallations>;

function toInstallation(row: Row): TeamsInstallation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    teamId: row.team_id ?? undefined,
    channelId: row.channel_id,
    serviceUrl: row.service_url,
    source: row.source,
    status: row.status,
    statusReason: row.status_reason ?? undefined,
    installedAt: row.installed_at,
    updatedAt: row.updated_at
  };
}
