-- Staff decisions on wage reports: these two name the same employer, or they do not.
CREATE TABLE wage_links (
    case_a    TEXT NOT NULL,             -- case numbers, case_a < case_b
    case_b    TEXT NOT NULL,
    relation  TEXT NOT NULL CHECK (relation IN ('same', 'different')),
    actor_id  INTEGER,
    at        TEXT NOT NULL,
    PRIMARY KEY (case_a, case_b)
);
CREATE INDEX cases_kind ON cases(kind, received_at);
