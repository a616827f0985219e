# Public hearings (检察听证会) and the procurator-general's reception day (检察长接待日).
hearings-hub = 🏛 听证会与检察长接待日
    • 公开听证会：查看近期听证会并预约旁听席位；
    • 检察长接待日：预约接待时段，当面反映诉求；
    • 我的预约：查看、取消预约。
hearings-button-list = 📅 近期公开听证会
hearings-button-reception = 🗓 检察长接待日
hearings-button-mine = 🎫 我的预约
hearings-back = ⬅️ 返回
hearings-next = 下一页 ➡️
hearings-previous = ⬅️ 上一页
hearings-confirm = ✅ 确认
hearings-cancel-form = ✖️ 取消
hearings-publish = ✅ 发布
hearings-skip = 跳过
hearings-none = 近期没有可以预约旁听的公开听证会。新的听证会发布后会在这里显示。
hearings-list-title = 近期公开听证会（第 { $page }/{ $pages } 页）：
hearings-list-item =
    { $number }. { $title }
    🕘 { $when }
    📍 { $where }
    💺 { $seats }
hearing-seats-left = 剩余旁听席位 { $count } 个
hearing-full = 席位已满，可登记候补
hearing-where = { $venue }（{ $address }）
hearing-where-onsite = 现场听证：{ $venue }（{ $address }）
hearing-details =
    { $title }
    类型：{ $type }
    时间：{ $when }
    地点：{ $where }
    { $seats }
    说明：{ $notes }
    旁听须知：请携带身份证件，提前 15 分钟到场，遵守听证纪律，不得录音录像。
hearing-button-book = 🎫 预约旁听
hearing-button-waitlist = ⏳ 登记候补
hearing-type-non-prosecution = 拟不起诉案件
hearing-type-criminal-appeal = 刑事申诉案件
hearing-type-civil-admin-supervision = 民事、行政诉讼监督案件
hearing-type-public-interest = 公益诉讼案件
hearing-type-other = 其他案件

# Booking a seat or a slot: contact details.
booking-ask-name = 请输入您的姓名：
booking-error-name = 姓名应为 1 至 50 个字，请重新输入：
booking-ask-phone = 请输入您的手机号码，或点击下方按钮发送本机号码：
booking-button-share-phone = 📱 发送我的手机号
booking-error-phone = 这不像是有效的电话号码。请输入手机号（如 138 1234 5678）或带区号的固定电话（如 010-12345678）：
booking-contact-noted = 已记录联系方式：{ $name }，{ $phone }
booking-use-saved-contact = 使用上次预约时的联系方式吗？
    姓名：{ $name }
    电话：{ $phone }
booking-button-use-contact = ✅ 使用这个联系方式
booking-button-new-contact = ✏️ 填写新的联系方式
booking-confirmed =
    ✅ 旁听预约成功！
    预约码：{ $code }
    { $title }
    时间：{ $when }
    地点：{ $where }
    入场时请出示预约码和身份证件，请提前 15 分钟到场。开始前 24 小时和 2 小时会提醒您。
booking-waitlisted =
    ⏳ 「{ $title }」的旁听席位已满，您已登记候补，排在第 { $position } 位（候补号 { $code }）。
    有席位空出时，我们会在这里通知您，请在限定时间内点击按钮确认。
booking-calendar-caption = 📅 日历文件：打开即可添加到手机日历。
booking-ics-description = 预约码：{ $code }；预约人：{ $name }。请携带身份证件，不得录音录像。

# Reception day.
reception-title = 检察长接待日
reception-where = { $office }（{ $address }）
reception-days-title = 近期检察长接待日（请选择日期）：
reception-day-button = { $date } { $weekday } · 剩余 { $free } 个时段
reception-day-moved = 注：{ $date } 的接待日因法定节假日顺延一周。
reception-no-days = 近期没有可以预约的接待日，请稍后再来看看，或拨打 12309 咨询。
reception-day-full = 这一天的时段已约满，请选择其他日期。
reception-pick-slot = { $date } 可预约的时段（每个时段一组来访人）：
reception-ask-topic = 请简要说明您要反映的事项（{ $min } 至 { $max } 个字）：
reception-ask-group = 共有几人前来？集体来访请推选代表，最多 { $max } 人。
reception-summary =
    请核对接待日预约：
    时间：{ $when }
    事项：{ $topic }
    来访人数：{ $group }
    联系人：{ $name }，{ $phone }
reception-booked =
    ✅ 检察长接待日预约成功！
    预约码：{ $code }
    时间：{ $when }
    地点：{ $where }
    来访人数：{ $group }
    请携带：本人身份证件；与反映事项有关的判决书、裁定书、决定书等法律文书及材料。
    接待过程中不得携带录音、录像设备。
hearings-weekday-0 = 周一
hearings-weekday-1 = 周二
hearings-weekday-2 = 周三
hearings-weekday-3 = 周四
hearings-weekday-4 = 周五
hearings-weekday-5 = 周六
hearings-weekday-6 = 周日

# My bookings.
mybookings-none = 您目前没有有效的预约。
mybookings-title = 您有 { $count } 个预约，点击查看详情：
mybooking-details =
    预约码：{ $code }
    { $title }
    时间：{ $when }
    地点：{ $where }
    状态：{ $status }
mybooking-position = 候补排位：第 { $position } 位
mybooking-offer-until = 请在 { $expires } 前确认是否接受席位。
mybooking-topic = 事项：{ $topic }（{ $group } 人）
booking-status-confirmed = 已预约
booking-status-waitlisted = 候补中
booking-status-offered = 有空余席位待您确认
booking-status-cancelled = 已取消
booking-status-attended = 已到场
booking-status-no-show = 未到场
booking-status-expired = 逾期未确认
booking-button-cancel = 取消预约
booking-cancel-ask-reason = 确定取消预约 { $code } 吗？可以简单写一下原因（选填），或直接点击下方按钮。
booking-button-no-reason = 取消预约（不填原因）
booking-button-keep = 保留预约
booking-cancelled = 预约 { $code }（{ $title }）已取消。
booking-kept = 好的，预约保留不变。
hearing-offer =
    🎉 「{ $title }」空出了一个旁听席位，按候补顺序现在留给您。
    时间：{ $when }
    地点：{ $where }
    请在 { $expires } 前确认，逾期将依次留给下一位候补。
hearing-offer-accept = ✅ 接受席位
hearing-offer-decline = 不需要了
hearing-offer-declined = 已放弃该席位，将留给下一位候补。
hearing-offer-expired = 「{ $title }」为您保留的席位已逾期未确认，已依次留给下一位候补。
booking-reminder =
    ⏰ 提醒：{ $hours } 小时后是您预约的{ $title }。
    时间：{ $when }
    地点：{ $where }
    预约码：{ $code }
    不能前来请点击下方按钮取消，把位置留给其他人。
hearing-cancelled-notice =
    很抱歉，「{ $title }」（{ $when }）已取消，您的预约（或候补）随之取消。
    检察院说明：{ $message }

# Staff: /new_hearing.
newhearing-ask-title = 新建听证会。请输入听证会名称（可随时发送 /cancel 退出）：
newhearing-ask-type = 请选择案件类型：
newhearing-ask-access = 是否公开听证？涉及未成年人的听证一律不公开。
newhearing-access-public = 公开听证（可预约旁听）
newhearing-access-closed = 不公开听证
newhearing-access-minor = 涉及未成年人（不公开）
newhearing-ask-venue = 请输入听证地点（如：本院听证室，或现场听证的村名、地块）：
newhearing-ask-address = 请输入详细地址：
newhearing-ask-onsite = 是否现场听证（在案发地、田间地头等）？
newhearing-onsite-no = 在本院听证室
newhearing-onsite-yes = 现场听证
newhearing-ask-start = 请输入开始时间，格式如 2026-12-01 09:30（须至少提前 3 天通知参加人员）：
newhearing-error-datetime = 看不懂这个时间，请按 2026-12-01 09:30 的格式输入：
newhearing-ask-end = 请输入结束时间（如 2026-12-01 11:30，或只写 11:30）：
newhearing-ask-seats = 设置多少个公众旁听席位？（输入数字，0 表示不接受预约）
newhearing-ask-notes = 有需要告知旁听人员的说明吗？直接输入，或点击「跳过」。
newhearing-summary =
    请核对听证会信息：
    名称：{ $title }
    类型：{ $type }
    公开：{ $access }
    时间：{ $when }
    地点：{ $where }
    旁听席位：{ $seats }
    说明：{ $notes }
newhearing-created = ✅ 听证会 #{ $id }「{ $title }」已发布，群众现在可以预约旁听。
newhearing-created-closed = ✅ 不公开听证会 #{ $id }「{ $title }」已登记，不向群众展示。

# Staff: /hearings_admin.
hearing-admin-hearings-title = 近期听证会（已预约/席位，候补）：
hearing-admin-no-hearings = 近期没有听证会。用 /new_hearing 新建。
hearing-admin-hearing-button = { $when } { $title } · { $booked }/{ $seats } · 候补 { $waiting }
hearing-admin-hearing-details =
    { $title }
    时间：{ $when }
    地点：{ $where }
    已预约 { $confirmed }/{ $seats }，待确认 { $offered }，候补 { $waiting }
    预约名单：
hearing-admin-attendee = { $number }. { $name } { $phone } { $code } · { $status }
hearing-admin-button-attendance = 📋 登记到场情况
hearing-admin-button-cancel-hearing = 🚫 取消听证会
hearing-admin-attendance-title = 「{ $title }」到场登记：
hearing-admin-button-attended = ✅ { $name } 到场
hearing-admin-button-no-show = ❌ { $name } 未到
hearing-admin-marked = 已登记：{ $name } · { $status }
hearing-admin-cancel-ask-message = 请输入发给所有已预约和候补群众的取消说明（如原因、改期安排）：
hearing-admin-cancel-confirm =
    确定取消这场听证会吗？所有已预约和候补的群众都会收到：
    「{ $message }」
hearing-admin-button-cancel-confirm = 🚫 确定取消并通知
hearing-admin-button-cancel-keep = 不取消
hearing-admin-hearing-cancelled = 听证会已取消，已通知 { $count } 位群众。
hearing-admin-hearing-kept = 好的，听证会不取消。

# Refusals (BookingError keys from bot/domain/booking.py and the booking service).
booking-error-title-empty = 请输入听证会名称。
booking-error-title-long = 名称最多 { $max } 个字，现在是 { $count } 个字。
booking-error-venue-empty = 请输入听证地点。
booking-error-notice = 听证会须至少提前 { $days } 天通知参加人员，开始时间请定在 { $days } 天以后。
booking-error-end-before-start = 结束时间须晚于开始时间，请重新输入。
booking-error-seats-range = 旁听席位须为 { $min } 至 { $max } 之间的整数。
booking-error-closed-seats = 不公开的听证会不能设置公众旁听席位。
booking-error-closed = 这场听证会不公开，不接受旁听预约。
booking-error-cancelled = 这场听证会已取消。
booking-error-cutoff = 预约已截止（开始前 { $hours } 小时停止预约）。
booking-error-no-seats = 这场听证会不设公众旁听席位。
booking-error-code-invalid = 预约码应为 6 位字母和数字，如 H7K-3QP。
booking-error-group-size = 来访人数须为 1 至 { $max } 人；人数较多的请推选代表。
booking-error-topic-short = 请多写几句：至少 { $min } 个字（现在 { $count } 个字）。
booking-error-topic-long = 请精简到 { $max } 个字以内（现在 { $count } 个字）。
booking-error-already-booked = 您已预约（或候补）这场听证会，预约码 { $code }，可在「我的预约」中查看。
booking-error-not-active = 这个预约已不再有效。
booking-error-started = 活动已经开始，不能再取消。
booking-error-offer-gone = 这个席位已不再为您保留。
booking-error-offer-expired = 抱歉，确认时间已过，席位已留给下一位候补。
booking-error-not-started = 听证会开始后才能登记到场情况。
booking-error-not-confirmed = 只能为已预约的人登记到场情况。
booking-error-not-found = 没有找到，可能已取消或已结束。请重新打开菜单。
booking-error-not-reception-day = 这一天不是接待日，请重新选择。
booking-error-one-slot-a-day = 您当天已预约了一个接待时段，可在「我的预约」中查看或取消。
booking-error-slot-taken = 这个时段刚刚被预约了，请选择其他时段。

# citizen-bot hearings import FILE.csv
hearing-import-created = 第 { $row } 行：已导入听证会 #{ $id }「{ $title }」
hearing-import-refused = 第 { $row } 行：未导入，{ $reason }
hearing-import-summary = 共导入 { $created } 场，拒绝 { $refused } 行。
hearing-import-missing-columns = CSV 缺少列：{ $columns }
hearing-import-bad-type = 案件类型「{ $value }」无效，可用：{ $allowed }
hearing-import-bad-time = { $field } 的时间「{ $value }」无法识别，请用 2026-12-01 09:30 格式。
hearing-import-bad-flag = { $field } 应为 yes/no、是/否、1/0，而不是「{ $value }」。
