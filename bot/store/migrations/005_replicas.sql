-- What replicas sharing one database must agree on.

-- When each background job (the retention purge) last ran, so that several replicas run it once
-- per period between them rather than once each.
CREATE TABLE background_jobs (
  name text PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);

-- Request counts of the rate limits, per limiter and client, shared by every replica.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
