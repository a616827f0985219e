-- The office's messages in a citizen's private chat belong to a case too, so a Telegram reply
-- to one of them is added to that case. SQLite cannot widen a CHECK: the table is rebuilt.
CREATE TABLE case_messages_new (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('card', 'relay', 'file', 'merged', 'view', 'citizen')),
    at          TEXT NOT NULL                     -- UTC, storage/timefmt.py
);
INSERT INTO case_messages_new (id, case_id, chat_id, message_id, kind, at)
    SELECT id, case_id, chat_id, message_id, kind, at FROM case_messages;
DROP TABLE case_messages;
ALTER TABLE case_messages_new RENAME TO case_messages;
CREATE INDEX case_messages_message ON case_messages(chat_id, message_id);
CREATE INDEX case_messages_case ON case_messages(case_id, kind, id);
