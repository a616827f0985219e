-- Secrets the office's database keeps for itself, sealed with DATA_KEY (rotate-key re-seals them).
CREATE TABLE secrets (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
