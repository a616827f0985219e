# Questions answered from the knowledge base, asking a person, danger alerts.
faq-ask-prompt = Type your question in a few words, for example “how do I appeal” or “my boss has not paid me”.
faq-answer-footer = Did this help?
faq-choices-intro = I am not sure which of these you mean. Choose one:
faq-unknown = Sorry, I have no ready answer to that. A member of staff can answer it: press “Ask a person”.
faq-btn-yes = 👍 Yes
faq-btn-no = 👎 No
faq-btn-person = 🙋 Ask a person
faq-thanks = Thank you! Glad it helped.
faq-person-confirm =
    Send this question to the staff? They will answer here in this chat.
    “{ $question }”
faq-btn-send = ✅ Send to staff
faq-btn-cancel = ✖️ Cancel
faq-person-cancelled = Not sent. You can ask another question at any time.
faq-person-too-short = Your question is a little short for staff to answer ({ $count } characters, at least { $min }). Please type it again with a bit more detail and I will send it.
faq-person-too-long = Your question is too long ({ $count } characters, at most { $max }). Please shorten it and type it again.
faq-action-file = 📝 Start: { $kind }
faq-action-wages = 👷 Report unpaid wages
faq-action-hearings = 🏛 Public hearings
faq-action-reception = 🏛 Reception day
faq-action-my-cases = 📂 My cases
faq-action-lookup = 🔎 Look up a case
faq-minor-offer = 🔒 Confidential minor-protection form
danger-reply =
    ⚠️ If you or someone else is in danger now, please call:
    { $hotlines }
    Our staff have been alerted and will look at your message at once.
hotline-110 = 110 — police
hotline-120 = 120 — ambulance
hotline-119 = 119 — fire
hotline-12309 = 12309 — procuratorate
hotline-12355 = 12355 — youth helpline
hotline-12338 = 12338 — women's rights helpline
hotline-12333 = 12333 — labour and social security
hotline-12348 = 12348 — legal aid
hotline-12345 = 12345 — government service hotline
danger-category-self-harm = self-harm
danger-category-child-harm = a child being harmed
danger-category-violence-now = violence happening now
danger-category-threat = a threat
hotline-12356 = 12356 — psychological assistance line (free, any time)
danger-category-person-held = a person held against their will
danger-category-sexual-assault = sexual assault
danger-category-stalking = being followed or watched
danger-category-workplace-accident = an accident at work
danger-category-fire-gas-flood = fire, smoke, gas or flood
danger-category-collapsed = a person collapsed
danger-staff-alert =
    🚨 URGENT: possible danger ({ $category })
    From: { $name } (chat { $chat }), phone { $phone }
    “{ $text }”
    The citizen was shown the emergency numbers. Please contact them now.
faq-report-title = FAQ report since { $since }
faq-report-helpful-title = Least helpful answers (👍 yes · 👎 no · 🙋 asked a person):
faq-report-entry = • { $entry } ({ $lang }): 👍 { $yes } · 👎 { $no } · 🙋 { $person }
faq-report-no-feedback = • No unhelpful ratings.
faq-report-unanswered-title = Unanswered questions: { $count }
faq-report-unanswered-line = • { $date } ({ $lang }) { $question }
faq-report-no-unanswered = • None.
faq-smalltalk-greeting = Hello! Ask me anything about our services in your own words, or choose from the menu:
faq-smalltalk-thanks = You're welcome. Anything else? Type your question, or choose from the menu:
faq-smalltalk-bye = Goodbye. Write any time; your cases and bookings stay under 📂 My cases.
faq-smalltalk-ok = All right. When you need anything, type it here or choose from the menu:
