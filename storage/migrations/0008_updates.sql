-- Updates already handled: a redelivered one (after a crash, or Telegram retrying) is dropped.
CREATE TABLE processed_updates (
    update_id  INTEGER PRIMARY KEY,
    at         TEXT NOT NULL
);
CREATE INDEX processed_updates_at ON processed_updates(at);

-- Updates received but not yet handled. PTB confirms an update to Telegram (the next getUpdates
-- offset) before handling it, so a crash in between would lose it without this inbox.
CREATE TABLE inbox (
    update_id    INTEGER PRIMARY KEY,
    payload      TEXT NOT NULL,      -- the update's JSON, sealed (it holds what citizens typed)
    received_at  TEXT NOT NULL
);
