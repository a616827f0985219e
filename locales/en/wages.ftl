## Unpaid wages of migrant workers: the fast-track form.
wage-form-title = unpaid wage report
wage-start-button = 👷 Report unpaid wages
wage-offer =
    Owed wages? The procuratorate fast-tracks migrant workers' wage claims: fast filing, fast review, fast handling and priority legal aid, and it may support your lawsuit.
    Press the button to report it; it takes about 2 minutes. You can also call 12333 (labour inspection) or 12348 (legal aid).
wage-ask-work-type = What kind of work did you do?
wage-work-type-label = Kind of work
wage-work-type-construction = 🏗 Construction site
wage-work-type-other = 🧰 Other work
wage-ask-employer = Who owes you the wages? A name is enough, like “Moumou Construction Co.” or “foreman Zhang”.
wage-employer-label = Employer
wage-ask-site = Where did you work? Give the project or site name and its address.
wage-site-label = Project / site
wage-ask-work = What work did you do? For example carpentry, rebar work, cleaning, delivery.
wage-work-label = Work done
wage-ask-period = Which months were not paid? Type it, like “Oct-Dec 2025”, or press the first month.
wage-period-label = Months unpaid
wage-ask-period-to = Up to which month? Press the last month (the same one if it is only one month).
wage-period-to-label = Last month
wage-period-range = { $start } to { $end }
wage-ask-amount = How much are you owed in all? For example 35000, 35,000 or 3.5万.
wage-amount-label = Amount owed
wage-amount-confirm = 💰 Noted: { $amount }
wage-ask-workers = How many workers are owed (you included)?
wage-workers-label = Workers owed
wage-workers-1 = Only me
wage-workers-2 = 2
wage-workers-3 = 3
wage-workers-5 = 5
wage-workers-10 = 10
wage-workers-20 = 20
wage-ask-evidence =
    If you have evidence, send photos of it (you may also report first and send it later):
    contract or agreement, attendance sheets or a work log, pay slips or IOUs, bank transfers, site photos, chats with the boss.
    Keep the originals safe.
wage-evidence-label = Evidence
wage-ask-contact = Please leave your phone number: a procurator needs to reach you (wage reports cannot be anonymous). Press “Send my phone number” or type it.
wage-ask-id = If you can, type your resident ID number (18 characters); it is used to confirm who you are if a lawsuit is supported. You may skip this.
wage-id-label = ID number
wage-ask-ack = Please confirm: what I reported is true. I know that false reports and malicious claims carry legal liability.
wage-ack-label = Truthfulness
wage-description = [Unpaid wages] { $work_type }; employer: { $employer }; project/site: { $site }; work: { $work }; months unpaid: { $start } to { $end }; amount: { $amount }; workers owed: { $workers }.
wage-after-filing =
    📞 Legal aid hotline 12348 · Labour inspection 12333
    Keep your contract, attendance records, pay slips, bank transfers and chats; do not delete them or hand them over.
wage-evidence-contract = Contract / agreement
wage-evidence-attendance = Attendance sheet / work log
wage-evidence-payslips = Pay slips / IOU
wage-evidence-transfers = Bank transfers
wage-evidence-photos = Site photos
wage-evidence-chat-records = Chat records
wage-evidence-other = Other

## Input errors.
wage-error-amount = I cannot read this amount: “{ $text }”. Write it like 35000 or 3.5万.
wage-error-amount-not-positive = The amount must be more than 0: “{ $text }”.
wage-error-amount-too-large = That is more than { $max } yuan; please check it.
wage-error-amount-precision = At most two decimals, please: “{ $text }”.
wage-error-period = I cannot read this period: “{ $text }”. Write it like “Oct-Dec 2025”, or press a month.
wage-error-period-order = The last month is before the first: “{ $text }”.
wage-error-period-future = That time has not come yet: “{ $text }”. Please give past months.
wage-error-period-too-long = That is longer than { $years } years; please check it.
wage-error-headcount = I cannot read the number of workers: “{ $text }”. Please type a number, like 5.
wage-error-headcount-range = The number of workers should be between { $min } and { $max }.
wage-error-id-number = That ID number is not right (18 characters; the last may be X). Please check it, or press “Skip”.

## Wage fields as staff read them in /case.
field-wage_arrears-work_type-label = Kind of work
field-wage_arrears-work_type-construction = Construction site
field-wage_arrears-work_type-other = Other work
field-wage_arrears-employer-label = Employer
field-wage_arrears-employer_address-label = Employer's address
field-wage_arrears-project-label = Project / site
field-wage_arrears-work_done-label = Work done
field-wage_arrears-unpaid_from-label = First month unpaid
field-wage_arrears-unpaid_to-label = Last month unpaid
field-wage_arrears-amount-label = Amount owed (yuan)
field-wage_arrears-workers-label = Workers owed
