## The form engine (shared by every form).
form-back = ⬅️ Back
form-skip = ⏭ Skip
form-cancel = ✖️ Cancel
form-share-phone = 📱 Send my phone number
form-anonymous = 🙈 Stay anonymous
form-anonymous-note = You may also stay anonymous: no name and no phone. Staff then cannot call you and can answer only through this bot, and anonymous cases are not counted in the reply rate.
form-anonymous-chosen = You chose to stay anonymous.
form-files-count = { $count } of { $max } files received.
form-files-done = ✅ That is all, next step
form-files-none = ⏭ No files, next step
form-use-name = Use “{ $name }”
form-ack = ✅ I understand and confirm
form-not-given = (not given)
form-map-pin = 📍 map pin { $lat }, { $lon }
form-files-summary = { $count ->
    [one] 1 file
   *[other] { $count } files
}
form-acknowledged = confirmed
form-summary-title = Please check your { $form }:
form-edit = ✏️ { $field }
form-submit = ✅ Submit
form-resume = ▶️ Continue
form-restart = 🔄 Start over
form-unfinished = You have an unfinished { $form }. Continue it or start over?
form-expired = This form has expired or was already submitted. Please start again from the menu.
form-use-buttons = Please use the buttons below.
form-error-phone = That number does not look right. Type an 11-digit mobile number (like 13812345678), a landline with its area code (like 010-12345678), an international number with +, or press “Send my phone number”.
form-error-evidence = At this step please send a photo or a file (contract, judgment, chat screenshot...), or press the button to go on.
form-error-text-expected = Please answer this question in words.
form-error-name = Please type your name (1 to 50 characters).
form-phone-received = 📱 Phone received: { $phone }
form-error-missing = “{ $field }” is still missing; please add it.
form-already-submitted = This form has already been submitted; it is not filed twice. See “My cases”.
form-nudge = Your { $form } is not finished yet; we keep it for 7 days. Continue now?

## Filing a complaint or petition.
complaint-form-title = complaint or petition
complaint-choose-kind =
    What would you like to submit?
    Complaint: a person or body acted unlawfully and harmed your rights.
    Appeal: you disagree with a decision, judgment or ruling of a judicial body.
    Report: a tip-off about a crime or unlawful act, including harm to the public interest.
    State compensation: harm caused by a state body or official acting unlawfully.
    Judicial aid: hardship of a crime victim caused by the case.
    Minor protection: a child harmed or in need of protection (strictly confidential, handled first).
    Public-affairs suggestion: parking, rubbish, wires over fire lanes and other public matters.
complaint-kind-label = Kind
complaint-ask-description = Please describe what happened: when, where, who, what happened, and what help you want. ({ $min } to { $max } characters)
complaint-description-label = What happened
complaint-ask-place = Where did it happen? Type an address or send a map location. You may skip this.
complaint-place-label = Place
complaint-ask-evidence = Do you have evidence? Send photos or files (images, PDF, Word, Excel), up to 10, at most 20 MB each. Press the button below when you are done.
complaint-evidence-label = Evidence
complaint-ask-contact = Please leave a phone number so that staff can reach you: press “Send my phone number” or type it. Only the case officers see your name and phone.
complaint-contact-label = Phone
complaint-ask-name = Please type your name.
complaint-name-label = Name

## Case kinds.
kind-inquiry = Legal question
kind-complaint = Complaint
kind-appeal = Appeal
kind-report = Report
kind-compensation = State compensation
kind-judicial_aid = Judicial aid
kind-wage_arrears = Unpaid wages
kind-minor_protection = Minor protection
kind-suggestion = Public-affairs suggestion

## Questions only some kinds ask.
field-complaint-respondent = Whom is your complaint against? Give the name of the person or body.
field-complaint-respondent-label = Against
field-appeal-decision = Which decision or judgment do you disagree with? Give the body that made it and its title or number.
field-appeal-decision-label = Decision appealed
field-appeal-decision_date = When was that decision made? (like 2025-03-07) Skip if you are not sure.
field-appeal-decision_date-label = Date of decision
field-report-subject = Whom or which body does your report concern?
field-report-subject-label = Concerns
field-report-public_interest = Does it concern the public interest (environment, food or drug safety, state property)?
field-report-public_interest-label = Public-interest clue
field-report-public_interest-yes = Yes, the public interest
field-report-public_interest-no = No
field-compensation-organ = Which state body caused the harm?
field-compensation-organ-label = Body liable
field-compensation-decision = If you already applied for compensation, what did they decide? Skip if not.
field-compensation-decision-label = Earlier decision
field-judicial_aid-harm = What harm did you (or the victim) suffer from the case, and what hardship do you face?
field-judicial_aid-harm-label = Harm and hardship
field-minor_protection-child_age = How old is the child, roughly? (All of this stays confidential.)
field-minor_protection-child_age-label = Child's age
field-minor_protection-child_age-age_0_5 = 0–5 years
field-minor_protection-child_age-age_6_11 = 6–11 years
field-minor_protection-child_age-age_12_13 = 12–13 years
field-minor_protection-child_age-age_14_15 = 14–15 years
field-minor_protection-child_age-age_16_17 = 16–17 years
field-minor_protection-child_age-unknown = Not sure
field-minor_protection-relation = How are you related to the child?
field-minor_protection-relation-label = Relation to the child
field-minor_protection-relation-parent = Parent
field-minor_protection-relation-relative = Relative
field-minor_protection-relation-teacher = Teacher
field-minor_protection-relation-neighbour = Neighbour
field-minor_protection-relation-child_self = I am the child
field-minor_protection-relation-other = Other
field-suggestion-topic = What is your suggestion about?
field-suggestion-topic-label = Topic
field-suggestion-topic-parking = Parking
field-suggestion-topic-rubbish = Rubbish
field-suggestion-topic-wires = Wires / fire lanes
field-suggestion-topic-other = Other

## After filing.
case-filed = ✅ We received your { $kind }. Case number: { $number }
case-filed-code = 🔑 Access code: { $code }
    Write it down: it is shown only this once. To follow the case from another phone or account you need the case number and this code.
case-promise-fast-track = ⚡ Fast track: a decision on supporting a lawsuit by { $date }.
case-promise-procedural = 📅 By { $date } we tell you whether the case is accepted (procedural reply).
case-promise-result = 📅 By { $date } we reply with the result or the progress.
case-filed-anonymous = You filed anonymously: replies can only be read in this bot.
case-filed-confidential = This kind of case is strictly confidential: only designated case officers see it.
case-filed-follow = You can follow it in “My cases” at any time, and we will message you when it moves.

## Statuses, events, priorities, ratings.
status-submitted = submitted
status-accepted = accepted
status-transferred = transferred
status-needs_info = more information needed
status-rejected = not accepted
status-in_progress = in progress
status-answered = answered
status-closed = closed
status-reopened = reopened
event-submitted = Submitted
event-accepted = Accepted
event-transferred = Transferred
event-needs_info = More information needed
event-rejected = Not accepted
event-in_progress = Work started
event-answered = Answered
event-closed = Closed
event-reopened = Reopening requested
event-citizen_info = You added information
event-staff_note = Internal note
event-assigned = Officer assigned
event-rated = Your rating
event-reminder = Reminder
priority-normal = normal
priority-high = ⚡ fast track
priority-urgent = 🚨 urgent · confidential
rating-5 = 😊 Very satisfied
rating-4 = 🙂 Satisfied
rating-3 = 😐 Basically satisfied
rating-2 = 🙁 Dissatisfied
rating-1 = 😠 Very dissatisfied

## Notices to the citizen.
notice-status = 📢 News on your case { $number }: { $status }
notice-office-says = The procuratorate says: { $text }
notice-transferred-to = Transferred to: { $body }
notice-next-submitted = We will handle it as soon as we can.
notice-next-accepted = We will reply with the result or the progress by { $date }.
notice-next-transferred = The receiving body will handle it from here; watch for their contact.
notice-next-needs_info = Open the case in “My cases” and press “Add information” to send what is needed.
notice-next-rejected = If anything is unclear, add a note in “My cases” or call 12309.
notice-next-in_progress = Work is under way; we will reply with the result or the progress by { $date }.
notice-next-answered = If you have questions about the answer, add a note in “My cases”.
notice-next-closed = The case is closed. Thank you for your trust; please rate our work.
notice-next-reopened = We will handle it again and reply as soon as we can.
mycases-open-button = Open { $number }
rate-ask = Case { $number } is closed. How satisfied are you with how it was handled?

## My cases.
mycases-none = You have not filed a case yet. If you filed one from another account or at the office, look it up with its case number and access code.
mycases-title = My cases ({ $total } in all, page { $page } of { $pages }):
mycases-line = { $number } · { $kind } · { $status }
mycases-next-date = next promised date { $date }
mycases-no-promise = nothing pending
mycases-lookup = 🔎 Look up by number and code
mycases-back = ⬅️ Back to my cases
page-previous = ◀️ Previous
page-next = Next ▶️
case-title = Case { $number } · { $kind }
case-status = Status: { $status }
case-received = Received: { $date }
case-timeline = History:
case-event-files = ({ $count ->
    [one] 1 file
   *[other] { $count } files
})
case-add-info = 📎 Add information
case-rate = ⭐ Rate
case-reopen = 🔁 Ask to reopen
lookup-ask-number = Type the case number (like SD-2026-000012).
lookup-ask-code = Type the 6-digit access code.
info-ask = Send the text, photos or files to add to case { $number }. Press “Done” when finished.
info-added = ✅ Added to case { $number }; the staff are told. You can send more.
info-done = ✅ Done
rate-thanks = Thank you for your rating: { $rating }. Anything else you want to tell us? Type it, or press “Skip”.
rate-comment-thanks = Thank you, your comment is recorded.
reopen-ask-reason = Please say why the case should be handled again (at least 5 characters).
reopen-done = Case { $number }: reopening requested. Staff will contact you soon.

## Errors a citizen can cause.
error-transition = A case that is { $old } cannot become { $new }.
error-reopen-once = This case has already been reopened once and cannot be reopened again. If something new happened, please file a new case.
error-reopen-expired = Cases closed more than { $days } days ago cannot be reopened. If something new happened, please file a new case.
error-reopen-not-closed = Only a closed case can be reopened.
error-too-many-files = At most { $max } files. Please press the button to go on.
error-file-too-big = This file is larger than { $max_mb } MB. Please compress it or split it into several files.
error-file-type = Files like “{ $name }” are not accepted. Please send images, PDF, Word, Excel or text files.
error-too-short = That is too short ({ $count } characters, at least { $min }). Please add some detail.
error-too-long = That is too long ({ $count } characters, at most { $max }). Please shorten it, or send the rest later as added information.
error-field-required = This one is required.
error-date-format = Please write the date like 2025-03-07.
error-date-future = The date cannot be after today.
error-choice = Please choose one of the buttons.
error-period = I cannot read this period: “{ $text }”.
error-period-order = The start { $start } is after the end { $end }.
error-anonymous-not-allowed = This kind of case needs your contact details; it cannot be anonymous.
error-contact-required = Please leave a phone number.
error-case-not-found = No such case, or you may not see it.
error-case-number-format = That does not look like a case number; it should be like SD-2026-000012.
error-lookup-failed = The case number or the access code is wrong.
error-lookup-locked = Too many wrong codes: look-ups of this case are locked. Try again in { $minutes } minutes, or call 12309.
error-case-closed = This case is closed; information can no longer be added. To have it handled again, press “Ask to reopen” on the case.
error-info-empty = Please send text, a photo or a file.
error-rate-not-closed = A case can be rated once it is closed.
error-already-rated = You have already rated this case. Thank you!
error-case-changed = Someone just acted on this case; please refresh and try again.

## Staff chat.
staff-new-case = 🆕 New case { $number } · { $kind } · { $priority }
staff-case-confidential = 🔒 Confidential: the story and files are not shown in the group; only the designated officer sees them.
staff-case-place = Place: { $place }
staff-anonymous = Contact: anonymous
staff-case-contact = Contact: { $name } · { $phone }
staff-case-files = { $count } files attached
staff-case-promises = Promised: procedural reply by { $procedural }; result by { $result }
staff-citizen-info = 📎 { $number } citizen added: { $text } ({ $count } files)
staff-case-reopened = 🔁 { $number } citizen asks to reopen: { $reason }
staff-bad-rating = ⚠️ { $number } bad rating: { $rating }. Call back within 1 day.
staff-rating = ⭐ { $number } rated: { $rating }
