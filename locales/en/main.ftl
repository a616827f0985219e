# Greeting, menu, help and shared words.
start-greeting =
    Hello, this is the 12309 citizen service of the { $office }.
    Here you can ask legal questions, file complaints and petitions, report unpaid wages, follow your case, and book a seat at a public hearing or a slot on reception day.
    What would you like to do?
menu-title = What would you like to do?
menu-ask = 💬 Ask a question
menu-file = 📝 File a complaint or petition
menu-wages = 👷 I am owed wages
menu-my-cases = 📂 My cases
menu-hearings = 🏛 Hearings and reception day
menu-language = 🌐 Language / 语言
menu-back = ⬅️ Back to the menu
coming-soon = “{ $feature }” is being built and will be available soon. If you need help now, call the 12309 procuratorate hotline.
help-text =
    The 12309 citizen service of the { $office } can:
    • answer legal questions: common ones at once, others by a member of staff;
    • take complaints, appeals, reports, state compensation and judicial aid requests, minor protection reports and public-affairs suggestions, with a case number and an access code;
    • fast-track unpaid wage reports of migrant workers, including support for a lawsuit;
    • show how your case stands, take more material, and ask for your rating when it is closed;
    • book a seat at a public hearing or a slot on the procurator-general's reception day.
    Our promise: a procedural reply within 7 days, and a result or progress reply within 3 months.
    Commands: /start menu · /language change language · /privacy your data · /cancel leave what you are doing
    Address: { $address }; reception hours: { $hours }. In an emergency call 110.
privacy-text =
    Your personal data
    • What we keep: what you submit in a case, its files, your contact details (name, phone and, where needed, ID number), the history of the case, and the language you chose.
    • Why: only to receive, handle and answer your case, and to measure how well cases are handled.
    • Who sees it: the case officers of the { $office }. Anonymous submissions keep no name or phone. In the staff chat phone and ID numbers are shown partly hidden; every view of the full details is logged.
    • How long: { $days } days after a case is closed; then the personal data is removed and only anonymous statistics remain.
    • You can drop an unsent form at any time with /cancel; to see or delete your data, contact the staff.
cancelled = Left. Nothing you typed in that form was submitted.
nothing-to-cancel = There is nothing to cancel.
language-choose = Choose a language:
language-set = Language set to English.
language-name-zh-CN = 中文（简体）
language-name-en = English
error-apology = Sorry, something went wrong on our side. Nothing you sent was lost. Please try again later; if it is urgent, call 12309.
button-expired = This button has expired. Please open the menu again.
not-staff = This command is for staff only.
unknown-command = There is no such command. Send /start for the menu or /help for what I can do.
staff-error-report = ⚠️ Error while handling update { $update }: { $error }{ $case }
# Commands shown in Telegram's menu.
cmd-start = Open the main menu
cmd-help = What I can do
cmd-language = Change language
cmd-privacy = Your personal data
cmd-cancel = Leave what you are doing
staff-reminders-interrupted = ⚠️ { $count } reminders were being sent when the bot stopped; it cannot tell whether they arrived, so they were not sent again. Please check them.
flood-slow-down = You are sending messages very fast; please wait a few seconds. What you already sent is not lost.
