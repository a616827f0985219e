# Public hearings (检察听证会) and the procurator-general's reception day (检察长接待日).
hearings-hub = 🏛 Hearings and reception day
    • Public hearings: see upcoming hearings and book an observer seat;
    • Reception day: book a slot to speak to the procurator-general in person;
    • My bookings: see or cancel your bookings.
hearings-button-list = 📅 Upcoming public hearings
hearings-button-reception = 🗓 Reception day
hearings-button-mine = 🎫 My bookings
hearings-back = ⬅️ Back
hearings-next = Next ➡️
hearings-previous = ⬅️ Previous
hearings-confirm = ✅ Confirm
hearings-cancel-form = ✖️ Cancel
hearings-publish = ✅ Publish
hearings-skip = Skip
hearings-none = There are no upcoming public hearings open to observers. New hearings appear here when they are published.
hearings-list-title = Upcoming public hearings (page { $page } of { $pages }):
hearings-list-item =
    { $number }. { $title }
    🕘 { $when }
    📍 { $where }
    💺 { $seats }
hearing-seats-left = { $count ->
    [one] 1 observer seat left
   *[other] { $count } observer seats left
}
hearing-full = Full: you can join the waitlist
hearing-where = { $venue } ({ $address })
hearing-where-onsite = On site: { $venue } ({ $address })
hearing-details =
    { $title }
    Type: { $type }
    When: { $when }
    Where: { $where }
    { $seats }
    Notes: { $notes }
    For observers: bring your ID, arrive 15 minutes early, follow the hearing rules; no recording.
hearing-button-book = 🎫 Book a seat
hearing-button-waitlist = ⏳ Join the waitlist
hearing-type-non-prosecution = Proposed non-prosecution
hearing-type-criminal-appeal = Criminal appeal
hearing-type-civil-admin-supervision = Civil or administrative supervision
hearing-type-public-interest = Public-interest litigation
hearing-type-other = Other

# Booking a seat or a slot: contact details.
booking-ask-name = Please type your name:
booking-error-name = A name is 1 to 50 characters. Please type it again:
booking-ask-phone = Please type your mobile number, or press the button below to share it:
booking-button-share-phone = 📱 Share my number
booking-error-phone = That does not look like a phone number. Type a mobile number (138 1234 5678) or a landline with area code (010-12345678):
booking-contact-noted = Contact noted: { $name }, { $phone }
booking-use-saved-contact = Use the contact details of your last booking?
    Name: { $name }
    Phone: { $phone }
booking-button-use-contact = ✅ Use these details
booking-button-new-contact = ✏️ Enter other details
booking-confirmed =
    ✅ Your observer seat is booked!
    Booking code: { $code }
    { $title }
    When: { $when }
    Where: { $where }
    Show the code and your ID at the door, and please arrive 15 minutes early. We will remind you 24 hours and 2 hours before.
booking-waitlisted =
    ⏳ “{ $title }” is full. You are on the waitlist at place { $position } (waitlist code { $code }).
    If a seat frees up we will offer it to you here; please accept it with the button in time.
booking-calendar-caption = 📅 Calendar file: open it to add the booking to your phone's calendar.
booking-ics-description = Booking code: { $code }; booked by: { $name }. Bring your ID; no recording devices.

# Reception day.
reception-title = Procurator-general's reception day
reception-where = { $office } ({ $address })
reception-days-title = Upcoming reception days (choose a date):
reception-day-button = { $date } { $weekday } · { $free } slots free
reception-day-moved = Note: the reception day of { $date } was moved a week because of a public holiday.
reception-no-days = No reception day can be booked right now. Please look again later or call 12309.
reception-day-full = That day is fully booked. Please choose another date.
reception-pick-slot = Free slots on { $date } (one visiting party per slot):
reception-ask-topic = Briefly, what would you like to raise? ({ $min } to { $max } characters)
reception-ask-group = How many people will come? A group sends representatives, at most { $max }.
reception-summary =
    Please check your reception-day booking:
    When: { $when }
    Topic: { $topic }
    People: { $group }
    Contact: { $name }, { $phone }
reception-booked =
    ✅ Your reception-day slot is booked!
    Booking code: { $code }
    When: { $when }
    Where: { $where }
    People: { $group }
    Please bring: your ID card, and the judgments, rulings or decisions your matter is about, with any other papers.
    Recording devices (audio or video) are not allowed during the reception.
hearings-weekday-0 = Mon
hearings-weekday-1 = Tue
hearings-weekday-2 = Wed
hearings-weekday-3 = Thu
hearings-weekday-4 = Fri
hearings-weekday-5 = Sat
hearings-weekday-6 = Sun

# My bookings.
mybookings-none = You have no active bookings.
mybookings-title = { $count ->
    [one] You have 1 booking. Press it for details:
   *[other] You have { $count } bookings. Press one for details:
}
mybooking-details =
    Booking code: { $code }
    { $title }
    When: { $when }
    Where: { $where }
    Status: { $status }
mybooking-position = Place on the waitlist: { $position }
mybooking-offer-until = Please accept or decline the seat before { $expires }.
mybooking-topic = Topic: { $topic } ({ $group } people)
booking-status-confirmed = booked
booking-status-waitlisted = on the waitlist
booking-status-offered = a seat is waiting for your answer
booking-status-cancelled = cancelled
booking-status-attended = attended
booking-status-no-show = did not come
booking-status-expired = offer lapsed
booking-button-cancel = Cancel booking
booking-cancel-ask-reason = Cancel booking { $code }? You may type a short reason (optional), or press a button below.
booking-button-no-reason = Cancel without a reason
booking-button-keep = Keep my booking
booking-cancelled = Booking { $code } ({ $title }) is cancelled.
booking-kept = All right, your booking stays as it is.
hearing-offer =
    🎉 An observer seat at “{ $title }” has become free, and you are next on the waitlist.
    When: { $when }
    Where: { $where }
    Please accept it before { $expires }; after that it goes to the next person in line.
hearing-offer-accept = ✅ Accept the seat
hearing-offer-decline = No, thanks
hearing-offer-declined = You turned the seat down; it goes to the next person in line.
hearing-offer-expired = The seat held for you at “{ $title }” was not accepted in time and has gone to the next person in line.
booking-reminder =
    ⏰ Reminder: your booking for { $title } is in { $hours } hours.
    When: { $when }
    Where: { $where }
    Booking code: { $code }
    If you cannot come, please cancel with the button below so someone else can.
hearing-cancelled-notice =
    We are sorry: “{ $title }” ({ $when }) has been cancelled, and with it your booking or waitlist place.
    The procuratorate says: { $message }

# Staff: /new_hearing.
newhearing-ask-title = New hearing. Type its title (send /cancel at any time to leave):
newhearing-ask-type = Choose the case type:
newhearing-ask-access = Is the hearing public? Hearings involving minors are always closed.
newhearing-access-public = Public (observers may book)
newhearing-access-closed = Closed
newhearing-access-minor = Involves a minor (closed)
newhearing-ask-venue = Type the venue (e.g. our hearing room, or the village or field for an on-site hearing):
newhearing-ask-address = Type the full address:
newhearing-ask-onsite = Is it held on site (at the scene, at the field's edge)?
newhearing-onsite-no = In our hearing room
newhearing-onsite-yes = On site
newhearing-ask-start = Type the start, like 2026-12-01 09:30 (participants must be told at least 3 days before):
newhearing-error-datetime = I cannot read that time. Please type it like 2026-12-01 09:30:
newhearing-ask-end = Type the end (like 2026-12-01 11:30, or just 11:30):
newhearing-ask-seats = How many public observer seats? (a number; 0 takes no bookings)
newhearing-ask-notes = Anything observers should know? Type it, or press “Skip”.
newhearing-summary =
    Please check the hearing:
    Title: { $title }
    Type: { $type }
    Access: { $access }
    When: { $when }
    Where: { $where }
    Observer seats: { $seats }
    Notes: { $notes }
newhearing-created = ✅ Hearing #{ $id } “{ $title }” is published; citizens can book seats now.
newhearing-created-closed = ✅ Closed hearing #{ $id } “{ $title }” is recorded; citizens do not see it.

# Staff: /hearings_admin.
hearing-admin-hearings-title = Upcoming hearings (booked/seats, waitlist):
hearing-admin-no-hearings = No upcoming hearings. Create one with /new_hearing.
hearing-admin-hearing-button = { $when } { $title } · { $booked }/{ $seats } · waitlist { $waiting }
hearing-admin-hearing-details =
    { $title }
    When: { $when }
    Where: { $where }
    Booked { $confirmed }/{ $seats }, offered { $offered }, waitlist { $waiting }
    Bookings:
hearing-admin-attendee = { $number }. { $name } { $phone } { $code } · { $status }
hearing-admin-button-attendance = 📋 Record attendance
hearing-admin-button-cancel-hearing = 🚫 Cancel the hearing
hearing-admin-attendance-title = Attendance at “{ $title }”:
hearing-admin-button-attended = ✅ { $name } came
hearing-admin-button-no-show = ❌ { $name } absent
hearing-admin-marked = Recorded: { $name } · { $status }
hearing-admin-cancel-ask-message = Type the message every booked and waitlisted citizen will receive (the reason, any new date):
hearing-admin-cancel-confirm =
    Cancel this hearing? Every booked and waitlisted citizen will receive:
    “{ $message }”
hearing-admin-button-cancel-confirm = 🚫 Cancel and tell them
hearing-admin-button-cancel-keep = Do not cancel
hearing-admin-hearing-cancelled = { $count ->
    [one] The hearing is cancelled; 1 citizen was told.
   *[other] The hearing is cancelled; { $count } citizens were told.
}
hearing-admin-hearing-kept = All right, the hearing is not cancelled.

# Refusals (BookingError keys from bot/domain/booking.py and the booking service).
booking-error-title-empty = Please type a title for the hearing.
booking-error-title-long = A title has at most { $max } characters; this one has { $count }.
booking-error-venue-empty = Please type the venue.
booking-error-notice = Participants must be told at least { $days } days before a hearing: choose a start at least { $days } days from now.
booking-error-end-before-start = The end must be after the start. Please type it again.
booking-error-seats-range = Observer seats must be a whole number from { $min } to { $max }.
booking-error-closed-seats = A closed hearing cannot offer public seats.
booking-error-closed = This hearing is closed to the public; seats cannot be booked.
booking-error-cancelled = This hearing has been cancelled.
booking-error-cutoff = Bookings have closed ({ $hours } hours before the start).
booking-error-no-seats = This hearing has no public observer seats.
booking-error-code-invalid = A booking code is 6 letters and digits, like H7K-3QP.
booking-error-group-size = From 1 to { $max } people may come; a larger group sends representatives.
booking-error-topic-short = Please write a little more: at least { $min } characters (now { $count }).
booking-error-topic-long = Please shorten it to { $max } characters (now { $count }).
booking-error-already-booked = You already have a booking or waitlist place for this hearing (code { $code }); see “My bookings”.
booking-error-not-active = This booking is no longer active.
booking-error-started = It has already started, so it can no longer be cancelled.
booking-error-offer-gone = This seat is no longer held for you.
booking-error-offer-expired = Sorry, the time to accept has passed; the seat went to the next person in line.
booking-error-not-started = Attendance can be recorded once the hearing has started.
booking-error-not-confirmed = Attendance can only be recorded for booked observers.
booking-error-not-found = Not found: it may have been cancelled or be over. Please open the menu again.
booking-error-not-reception-day = That is not a reception day. Please choose again.
booking-error-one-slot-a-day = You already have a slot that day; see or cancel it in “My bookings”.
booking-error-slot-taken = That slot was just taken. Please choose another one.

# citizen-bot hearings import FILE.csv
hearing-import-created = row { $row }: imported hearing #{ $id } “{ $title }”
hearing-import-refused = row { $row }: refused, { $reason }
hearing-import-summary = { $created } imported, { $refused } rows refused.
hearing-import-missing-columns = the CSV lacks columns: { $columns }
hearing-import-bad-type = case type “{ $value }” is not one of: { $allowed }
hearing-import-bad-time = { $field } “{ $value }” is not a time like 2026-12-01 09:30
hearing-import-bad-flag = { $field } must be yes/no, 是/否 or 1/0, not “{ $value }”
