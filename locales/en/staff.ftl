## The staff desk: case cards, actions, replies, deadlines, figures (staff read these).

staff-card-fast-track = ⚡ Fast track: decide on supporting a lawsuit by { $date }
staff-card-status = Status: { $status } · Assignee: { $assignee }
staff-unassigned = unassigned
staff-card-last = Last action: { $action } ({ $who }, { $when })
staff-merged-title = 📥 { $count } messages arrived together and are sent as one (press a button for the case card):
staff-merged-new = 🆕 { $number } · { $kind } · { $priority }
staff-citizen-info-confidential = 🔒 { $number }: the citizen added material (confidential, { $count } files). Open it with /case in a private chat with the bot.

staff-button-accept = ✅ Accept
staff-button-needinfo = 📝 Needs information
staff-button-transfer = ↪️ Transfer
staff-button-reject = ⛔ Reject
staff-button-answer = 💬 Answer
staff-button-close = 🏁 Close
staff-button-assign = 🙋 Assign to me
staff-button-show-card = 📂 { $number }

## Ready texts for the citizen, per action; staff edit them before they are sent.
staff-template-accept = Your case { $number } has been accepted. We will handle it according to the law and tell you the result within the promised time.
staff-template-needinfo = To handle your case { $number } we need more material from you: (write what is needed). Open the case in “My cases” and press “Add information” to send it.
staff-template-transfer = Your case { $number } is outside this office's remit and has been transferred to { $body }, who will contact you.
staff-template-reject = After review, your case { $number } is outside what the procuratorate can accept, so it is not accepted. Reason: (write the reason). For questions, call 12309.
staff-template-answer = About your case { $number }, the result is: (write the result).
staff-template-close = Your case { $number } is closed. Thank you for your trust in the { $office }.

staff-ask-body = ↪️ Transfer { $number }: reply to this message with the name of the receiving body (e.g. “District Human Resources and Social Security Bureau”).
staff-ask-text =
    ✍️ { $name }: “{ $action }” { $number }. The citizen will receive this ({ $language }):

    { $template }

    Reply to this message with your edited text, or press “Send template as is”.
staff-send-template = 📨 Send template as is
staff-cancel = ✖ Cancel
staff-action-done = ✅ { $number } is now “{ $status }”; the citizen has been told.
staff-action-cancelled = Cancelled the action on { $number }; the citizen received nothing.
staff-prompt-not-yours = This prompt belongs to another staff member, or has expired.
staff-assigned = 🙋 { $number } is now yours.

staff-reply-to-citizen =
    📨 The { $office } about your case { $number }:
    { $text }
staff-reply-sent = ✅ Sent to the citizen of { $number }.
staff-reply-not-delivered = ⚠️ Recorded, but it could not be delivered to the citizen of { $number } (they may have blocked the bot). Please call them.
staff-note-saved = 📌 Saved as an internal note on { $number }; the citizen does not see it.
staff-error-ambiguous = This merged message is about { $count } cases. Press a button to open one case's card, then reply to that card.
staff-error-unreachable = { $number } was filed anonymously or on paper; it cannot be answered through the bot.
staff-error-confidential-here = { $number } is confidential. Open it with /case in a private chat with the bot.
staff-error-admin-only = Only admins can export full contact details (/export … full).
staff-error-queue-arg = I do not understand “{ $text }”. Usage: /queue [kind] [overdue], e.g. /queue wage_arrears overdue

staff-deadline-procedural = procedural reply within 7 days
staff-deadline-result = result within 3 months
staff-deadline-fast_track = fast-track decision within 3 days
staff-alert-overdue = ⏰ Overdue: the { $promise } of { $number } ({ $kind }) fell due on { $date } and has not been given. Assignee: { $assignee }
staff-alert-progress = 📅 { $number } has been open { $months } months: a progress reply to the citizen is due by { $date }. Assignee: { $assignee }
staff-digest-title = 🗓 Daily deadlines { $date }: { $overdue } overdue, { $soon } due within 2 days
staff-digest-more = (continued)
staff-digest-line-overdue = ⚠️ { $number } · { $kind } · { $promise } · due { $date }, { $days } days overdue · Assignee: { $assignee }
staff-digest-line-soon = • { $number } · { $kind } · { $promise } · due { $date } ({ $days ->
        [0] today
        [one] tomorrow
       *[other] in { $days } days
    }) · Assignee: { $assignee }

staff-queue-empty = No open cases match.
staff-queue-title = 📋 Open cases by next deadline (at most 20): { $count }
staff-queue-line = { $overdue ->
        [yes] ⚠️
       *[no] •
    } { $number } · { $kind } · { $status } · due { $due } · { $assignee }
staff-case-usage = Usage: /case NUMBER, e.g. /case SD-2026-000012
staff-view-title = 📂 { $number } · { $kind } · { $priority }
staff-view-received = Received: { $date }
staff-view-contact = Contact: { $name } · phone { $phone } · ID { $id_number } (this view is in the audit log)
staff-view-timeline = Timeline:
staff-wage-group = 💰 Reports against the same employer: { $count } ({ $numbers }); owed in total { $owed } yuan; workers in total { $workers } (at most { $most } in one report); earliest unpaid month { $earliest }
staff-wage-same = ✔ Same employer as { $number }
staff-wage-different = ✂ Not the same as { $number }
staff-wage-linked = Recorded: { $a } and { $b } are against the same employer.
staff-wage-split = Recorded: { $a } and { $b } are against different employers.

staff-stats =
    📊 Figures (by date received) { $period }
    Cases: { $total }
    By kind: { $by_kind }
    By status: { $by_status }
    Procedural reply within 7 days: { $procedural } ({ $procedural_met }/{ $procedural_n })
    Result within 3 months: { $result } ({ $result_met }/{ $result_n })
    Completion: { $completion } ({ $completed }/{ $completion_n })
    Satisfaction: { $satisfaction } ({ $satisfied }/{ $ratings_n }, { $bad } bad)
    Average time to first reply: { $hours } hours ({ $first_reply_n } cases)
    Anonymous and unreachable cases are left out of the reply rates; unanswered cases not yet due are not counted yet.
staff-stats-usage = Usage: /stats [this-month | last-month | 2026-03 | 2026-03-01 2026-03-15]
staff-export-caption = 📄 { $count } cases. { $masked ->
        [yes] Contacts are masked.
       *[no] Full contact details: keep this file safe (the export is in the audit log).
    }
staff-chart-title = Figures { $period }
staff-chart-rates = Reply and satisfaction rates
staff-chart-kinds = By kind ({ $total } cases)
staff-chart-procedural = 7-day procedural
staff-chart-result = 3-month result
staff-chart-completion = Completion
staff-chart-satisfaction = Satisfaction
staff-error-confidential-assignee = { $number } is confidential: only the assigned officer and admins see its details. Take it first with "Assign to me" on its card.
