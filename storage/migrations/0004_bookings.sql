-- Public hearings staff publish, and the seats and reception-day slots citizens book.
CREATE TABLE hearings (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    case_type       TEXT NOT NULL,
    public          INTEGER NOT NULL,            -- 0 = closed: never listed, no seats
    involves_minor  INTEGER NOT NULL DEFAULT 0,
    venue           TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    on_site         INTEGER NOT NULL DEFAULT 0,  -- held on site (a village, a field's edge)
    starts_at       TEXT NOT NULL,               -- UTC, storage/timefmt.py
    ends_at         TEXT NOT NULL,
    seats           INTEGER NOT NULL DEFAULT 0,
    notes           TEXT NOT NULL DEFAULT '',
    cancelled       INTEGER NOT NULL DEFAULT 0,
    cancel_message  TEXT,
    created_by      INTEGER,
    created_at      TEXT NOT NULL
);
CREATE INDEX hearings_starts ON hearings(starts_at);

-- One engine for both: a hearing seat (hearing_id) or a reception-day slot (slot_start).
CREATE TABLE bookings (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL CHECK (kind IN ('hearing', 'reception')),
    hearing_id        INTEGER REFERENCES hearings(id),
    slot_start        TEXT,                      -- reception only
    slot_end          TEXT,
    reception_date    TEXT,                      -- local date, reception only
    user_id           INTEGER NOT NULL,
    name              TEXT NOT NULL,
    phone             TEXT NOT NULL,             -- E.164
    locale            TEXT,                      -- the language the citizen booked in
    topic             TEXT,
    group_size        INTEGER NOT NULL DEFAULT 1,
    status            TEXT NOT NULL CHECK (status IN
                      ('confirmed', 'waitlisted', 'offered', 'cancelled', 'attended', 'no_show', 'expired')),
    offer_expires_at  TEXT,
    cancel_reason     TEXT,
    created_at        TEXT NOT NULL,             -- the waitlist order (id breaks ties)
    updated_at        TEXT NOT NULL,
    CHECK ((kind = 'hearing') = (hearing_id IS NOT NULL)),
    CHECK ((kind = 'reception') = (slot_start IS NOT NULL))
);
CREATE INDEX bookings_hearing ON bookings(hearing_id, status, created_at, id);
CREATE INDEX bookings_user ON bookings(user_id, created_at);
-- The database refuses what the rules refuse, even if the code is wrong one day.
CREATE UNIQUE INDEX bookings_one_active_per_person ON bookings(hearing_id, user_id)
    WHERE kind = 'hearing' AND status IN ('confirmed', 'waitlisted', 'offered');
CREATE UNIQUE INDEX bookings_one_group_per_slot ON bookings(slot_start)
    WHERE kind = 'reception' AND status = 'confirmed';
CREATE UNIQUE INDEX bookings_one_reception_per_day ON bookings(user_id, reception_date)
    WHERE kind = 'reception' AND status = 'confirmed';
