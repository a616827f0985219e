-- People who have talked to the bot, and the language they chose.
CREATE TABLE users (
    user_id        INTEGER PRIMARY KEY,
    locale         TEXT,            -- chosen with /language; NULL = follow Telegram's language_code
    language_code  TEXT,            -- last language_code Telegram reported
    first_seen     TEXT NOT NULL,
    last_seen      TEXT NOT NULL
);

-- python-telegram-bot persistence: half-filled forms and conversation states.
CREATE TABLE ptb_user_data (
    user_id  INTEGER PRIMARY KEY,
    data     TEXT NOT NULL
);

CREATE TABLE ptb_chat_data (
    chat_id  INTEGER PRIMARY KEY,
    data     TEXT NOT NULL
);

CREATE TABLE ptb_conversations (
    name     TEXT NOT NULL,
    key      TEXT NOT NULL,           -- JSON array of the conversation key
    state    TEXT NOT NULL,           -- JSON of the state
    updated  TEXT NOT NULL,
    PRIMARY KEY (name, key)
);

-- Who did what: staff actions and views of unmasked personal data.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  INTEGER,
    action    TEXT NOT NULL,
    subject   TEXT,
    detail    TEXT
);
CREATE INDEX audit_log_at ON audit_log(at);
