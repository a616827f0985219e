-- What citizens thought of FAQ answers, questions nothing answered, and danger alerts raised.
CREATE TABLE faq_feedback (
    id        INTEGER PRIMARY KEY,
    entry_id  TEXT,                            -- the FAQ entry shown; NULL when none fitted
    lang      TEXT NOT NULL,
    question  TEXT NOT NULL,
    helpful   TEXT NOT NULL CHECK (helpful IN ('yes', 'no', 'person')),
    at        TEXT NOT NULL,                   -- UTC, storage/timefmt.py
    user_id   INTEGER
);
CREATE INDEX faq_feedback_at ON faq_feedback(at, entry_id);

CREATE TABLE faq_unanswered (
    id        INTEGER PRIMARY KEY,
    question  TEXT NOT NULL,
    lang      TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX faq_unanswered_at ON faq_unanswered(at);

CREATE TABLE danger_alerts (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_id   INTEGER,
    category  TEXT NOT NULL,
    text      TEXT NOT NULL                    -- phone and ID numbers masked before storing
);
CREATE INDEX danger_alerts_at ON danger_alerts(at);
