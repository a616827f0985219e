-- The staff desk: which message in which chat belongs to which case, and the staff-chat outbox.

-- Replies are matched to cases through this table, never through Telegram's forward_from.
CREATE TABLE case_messages (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('card', 'relay', 'file', 'merged', 'view')),
    at          TEXT NOT NULL                     -- UTC, storage/timefmt.py
);
CREATE INDEX case_messages_message ON case_messages(chat_id, message_id);
CREATE INDEX case_messages_case ON case_messages(case_id, kind, id);

-- Posts waiting for the staff chat: Telegram takes about 20 messages a minute into a group.
-- A row is sent alone while the minute's budget lasts; beyond it, one-line rows are merged.
CREATE TABLE staff_outbox (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER REFERENCES cases(id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('card', 'relay', 'file', 'alert', 'digest')),
    text          TEXT NOT NULL,                  -- the message, or a file's caption
    line          TEXT,                           -- its one line in a merged post; NULL: never merged
    buttons       TEXT NOT NULL DEFAULT '[]',     -- JSON rows of [label, callback data]
    merge_button  TEXT,                           -- JSON [label, callback data] in a merged post
    file          TEXT,                           -- JSON {"kind", "file_id"} of a forwarded file
    thread        INTEGER NOT NULL DEFAULT 0,     -- 1: post as a reply to the case's card
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    not_before    TEXT,                           -- after a failed send: try again from then
    message_id    INTEGER,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE INDEX staff_outbox_pending ON staff_outbox(status, id);
CREATE INDEX staff_outbox_sent ON staff_outbox(sent_at);
