-- Core tables: conversation snapshots, intake records, seats and bookings, feedback, outbox.
-- Timestamps are written by the application clock so tests can control retention.

CREATE TABLE conversations (
  id text PRIMARY KEY,
  snapshot jsonb NOT NULL,
  locale text NOT NULL,
  channel text NOT NULL,
  stage text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX conversations_updated_at_idx ON conversations (updated_at);

CREATE TABLE intake_records (
  reference text PRIMARY KEY,
  conversation_id text NOT NULL,
  channel text NOT NULL,
  locale text NOT NULL,
  category text,
  urgency text,
  outcome text,
  record jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX intake_records_conversation_idx ON intake_records (conversation_id);
CREATE INDEX intake_records_created_at_idx ON intake_records (created_at);
CREATE INDEX intake_records_category_idx ON intake_records (category, urgency);
CREATE INDEX intake_records_outcome_idx ON intake_records (outcome);

-- One row per slot ever booked. The CHECK makes overbooking impossible whatever the caller does;
-- seats are taken with a conditional upsert, never by reading a count first.
CREATE TABLE slot_seats (
  slot_id text PRIMARY KEY,
  capacity integer NOT NULL CHECK (capacity >= 0),
  booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
  CONSTRAINT slot_seats_within_capacity CHECK (booked <= capacity)
);

CREATE TABLE bookings (
  reference text PRIMARY KEY REFERENCES intake_records (reference) ON DELETE CASCADE,
  slot_id text NOT NULL,
  -- As offered, with the agency's offset; starts_at is the same instant for queries.
  start_iso text NOT NULL,
  end_iso text NOT NULL,
  starts_at timestamptz NOT NULL,
  modality text NOT NULL,
  place text NOT NULL,
  status text NOT NULL CHECK (status IN ('booked', 'cancelled')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX bookings_slot_idx ON bookings (slot_id) WHERE status = 'booked';
CREATE INDEX bookings_starts_at_idx ON bookings (starts_at);

CREATE TABLE feedback (
  id bigserial PRIMARY KEY,
  conversation_id text NOT NULL,
  reference text,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  comment text,
  created_at timestamptz NOT NULL
);

CREATE INDEX feedback_conversation_idx ON feedback (conversation_id);
CREATE INDEX feedback_created_at_idx ON feedback (created_at);

-- Written in the same transaction as the change it announces; a worker delivers it later.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  dedupe_key text UNIQUE,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  delivered_at timestamptz,
  last_error text
);

CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE delivered_at IS NULL;
-- Erasure finds a conversation's events by the id every payload carries.
CREATE INDEX outbox_conversation_idx ON outbox ((payload ->> 'conversationId'));
