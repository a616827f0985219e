-- Scheduled messages. This table is the truth; the JobQueue only runs the dispatcher.
CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,                 -- which handler sends it, e.g. booking_24h
    dedupe_key  TEXT NOT NULL UNIQUE,          -- scheduling the same reminder twice is a no-op
    due_at      TEXT NOT NULL,                 -- UTC ISO-8601
    not_after   TEXT,                          -- do not send after this (the event is over)
    payload     TEXT NOT NULL DEFAULT '{}',    -- JSON for the handler
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'cancelled', 'expired', 'failed', 'unknown')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    claimed_at  TEXT,
    sent_at     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX reminders_due ON reminders(status, due_at);
