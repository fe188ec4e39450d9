-- One record per submitted intake, however often the submission is retried: a replica that
-- crashed after booking, or "Send" pressed on two replicas at once, finds the first record.
-- The key is the conversation and the moment this intake began (a restarted intake is a new one).
ALTER TABLE intake_records ADD COLUMN submission_key text;

CREATE UNIQUE INDEX intake_records_submission_key_idx ON intake_records (submission_key);
