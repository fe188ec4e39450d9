-- The staff side in Teams: where to post, which card carries which event, and what staff did.

-- One row per place the agent may post to: a team's channel (from the install event or the
-- agency file). Status stays 'active' until an uninstall or a 403 says otherwise.
CREATE TABLE teams_installations (
  id text PRIMARY KEY,
  tenant_id text NOT NULL,
  team_id text,
  channel_id text NOT NULL,
  service_url text NOT NULL,
  source text NOT NULL CHECK (source IN ('event', 'agency')),
  status text NOT NULL CHECK (status IN ('active', 'uninstalled', 'blocked')),
  status_reason text,
  installed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX teams_installations_status_idx ON teams_installations (status, updated_at);

-- One row per outbox event that reached Teams: the activity id is what makes redelivery a
-- no-op and what card actions update. No foreign key to the record: a card outlives erasure
-- only as a redacted stub, and the reference is needed to find it.
CREATE TABLE teams_cards (
  outbox_id bigint PRIMARY KEY,
  kind text NOT NULL,
  reference text,
  installation_id text NOT NULL,
  conversation_id text NOT NULL,
  activity_id text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX teams_cards_reference_idx ON teams_cards (reference);
CREATE INDEX teams_cards_activity_idx ON teams_cards (conversation_id, activity_id);

-- What staff did with an intake, who and when. Erased with the intake.
CREATE TABLE case_actions (
  id bigserial PRIMARY KEY,
  reference text NOT NULL REFERENCES intake_records (reference) ON DELETE CASCADE,
  action text NOT NULL CHECK (action IN ('take', 'contacted', 'urgent')),
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  tenant_id text NOT NULL,
  at timestamptz NOT NULL
);

CREATE INDEX case_actions_reference_idx ON case_actions (reference, id);
