-- Direct Line 3.0 service: conversations and the activities a web chat client reads back.
-- `last_seq` hands out per-conversation sequence numbers under the row lock, so a number is
-- never committed after a larger one in the same conversation and a watermark never skips one.

CREATE TABLE directline_conversations (
  id text PRIMARY KEY,
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL
);

CREATE INDEX directline_conversations_created_at_idx ON directline_conversations (created_at);

CREATE TABLE directline_activities (
  conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  activity_id text NOT NULL,
  activity jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

CREATE INDEX directline_activities_activity_id_idx ON directline_activities (conversation_id, activity_id);
