-- Cases citizens file, their timeline and their files.
CREATE TABLE case_counters (
    prefix    TEXT NOT NULL,
    year      INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    submission_key  TEXT NOT NULL UNIQUE,     -- the form's id: a second Submit finds the first case
    kind            TEXT NOT NULL,
    status          TEXT NOT NULL,
    priority        TEXT NOT NULL,
    confidential    INTEGER NOT NULL DEFAULT 0,
    user_id         INTEGER,                  -- the Telegram user who filed it
    locale          TEXT NOT NULL,
    anonymous       INTEGER NOT NULL DEFAULT 0,
    contact_name    TEXT,
    contact_phone   TEXT,
    id_number       TEXT,
    description     TEXT NOT NULL,
    place           TEXT,
    latitude        REAL,
    longitude       REAL,
    extra           TEXT NOT NULL DEFAULT '{}',  -- JSON: the kind's extra fields
    access_hash     TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    procedural_due  TEXT NOT NULL,
    result_due      TEXT NOT NULL,
    fast_track_due  TEXT,
    first_reply_at  TEXT,
    result_at       TEXT,
    closed_at       TEXT,
    reopen_count    INTEGER NOT NULL DEFAULT 0,
    assignee_id     INTEGER,
    rating          INTEGER,
    rating_comment  TEXT,
    rated_at        TEXT,
    updated_at      TEXT NOT NULL
);
CREATE INDEX cases_user ON cases(user_id, received_at);
CREATE INDEX cases_status ON cases(status, procedural_due);
CREATE INDEX cases_received ON cases(received_at);

CREATE TABLE case_events (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id),
    at        TEXT NOT NULL,
    type      TEXT NOT NULL,
    actor     TEXT NOT NULL CHECK (actor IN ('citizen', 'staff', 'system')),
    actor_id  INTEGER,
    visible   INTEGER NOT NULL,            -- shown on the citizen's timeline
    body      TEXT,
    data      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, at);

CREATE TABLE attachments (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id),
    event_id        INTEGER REFERENCES case_events(id),
    file_id         TEXT NOT NULL,
    file_unique_id  TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    name            TEXT,
    mime            TEXT,
    size            INTEGER,
    added_at        TEXT NOT NULL
);
CREATE INDEX attachments_case ON attachments(case_id);

CREATE TABLE lookup_failures (
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    at       TEXT NOT NULL
);
CREATE INDEX lookup_failures_case ON lookup_failures(case_id, at);
