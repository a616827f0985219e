## The form engine (shared by every form).
form-back = ⬅️ 上一步
form-skip = ⏭ 跳过
form-cancel = ✖️ 取消
form-share-phone = 📱 发送我的手机号
form-anonymous = 🙈 匿名提交
form-anonymous-note = 也可以选择匿名提交：不留姓名和电话，工作人员无法电话联系您，我们只能通过本机器人答复；匿名事项不计入答复率统计。
form-anonymous-chosen = 已选择匿名提交。
form-files-count = 已收到 { $count }/{ $max } 个文件。
form-files-done = ✅ 材料已发完，下一步
form-files-none = ⏭ 没有材料，下一步
form-use-name = 用「{ $name }」
form-ack = ✅ 我已知晓并确认
form-not-given = （未填写）
form-map-pin = 📍 地图位置 { $lat }, { $lon }
form-files-summary = { $count } 个文件
form-acknowledged = 已确认
form-summary-title = 请核对您的{ $form }：
form-edit = ✏️ { $field }
form-submit = ✅ 提交
form-resume = ▶️ 继续填写
form-restart = 🔄 重新开始
form-unfinished = 您有一份未填完的{ $form }，要继续填写还是重新开始？
form-expired = 这份表单已经过期或已提交。请从菜单重新开始。
form-use-buttons = 请使用下方按钮。
form-error-phone = 这个号码看起来不对。请输入 11 位手机号（如 13812345678）、带区号的座机号（如 010-12345678），或点「发送我的手机号」。
form-error-evidence = 这一步请发送照片或文件（合同、判决书、聊天截图等），或点「下一步」。
form-error-text-expected = 请用文字回答这个问题。
form-error-name = 请输入您的姓名（1 到 50 个字）。
form-phone-received = 📱 已收到电话：{ $phone }
form-error-missing = 还缺少「{ $field }」，请补充。
form-already-submitted = 这份表单已经提交过了，不会重复登记。请在「我的案件」查看。
form-nudge = 您的{ $form }还没有填完，已为您保存 7 天。要继续吗？

## Filing a complaint or petition.
complaint-form-title = 控告申诉
complaint-choose-kind =
    请选择您要提交的事项：
    控告：认为某人或某单位有违法犯罪行为，侵害了您的权益；
    申诉：不服司法机关的处理决定或判决、裁定；
    举报：提供违法犯罪线索，包括公益诉讼线索；
    国家赔偿：国家机关及其工作人员违法行使职权造成损害；
    司法救助：刑事案件被害人因案件导致生活困难；
    未成年人保护：未成年人受到侵害或需要保护（严格保密、优先处理）；
    社会治理建议：停车、垃圾、消防通道上方电线等公共事务问题。
complaint-kind-label = 事项类型
complaint-ask-description = 请写下事情经过：什么时间、什么地点、谁、发生了什么、您希望得到什么帮助。（{ $min } 到 { $max } 字）
complaint-description-label = 事情经过
complaint-ask-place = 事情发生在哪里？请输入地址，或发送一个地图位置。没有可以跳过。
complaint-place-label = 地点
complaint-ask-evidence = 有证据材料吗？可以发送照片或文件（图片、PDF、Word、Excel），最多 10 个，每个不超过 20MB。发完后点下方按钮。
complaint-evidence-label = 证据材料
complaint-ask-contact = 请留下联系电话，方便工作人员联系您：点「发送我的手机号」，或直接输入号码。您的姓名和电话只有办案工作人员能看到。
complaint-contact-label = 联系电话
complaint-ask-name = 请输入您的姓名。
complaint-name-label = 姓名

## Case kinds.
kind-inquiry = 法律咨询
kind-complaint = 控告
kind-appeal = 申诉
kind-report = 举报
kind-compensation = 国家赔偿
kind-judicial_aid = 司法救助
kind-wage_arrears = 农民工欠薪
kind-minor_protection = 未成年人保护
kind-suggestion = 社会治理建议

## Questions only some kinds ask.
field-complaint-respondent = 您要控告谁？请写出人名或单位名称。
field-complaint-respondent-label = 被控告人
field-appeal-decision = 您不服的是哪一份决定或判决？请写明作出机关和文书名称或文号。
field-appeal-decision-label = 不服的决定
field-appeal-decision_date = 这份决定是哪天作出的？（如 2025-03-07）不清楚可以跳过。
field-appeal-decision_date-label = 决定日期
field-report-subject = 您举报的是谁或哪个单位？
field-report-subject-label = 被举报人
field-report-public_interest = 这是否涉及公共利益（如生态环境、食品药品安全、国有财产）？
field-report-public_interest-label = 公益诉讼线索
field-report-public_interest-yes = 是，涉及公共利益
field-report-public_interest-no = 否
field-compensation-organ = 是哪个机关造成了损害？
field-compensation-organ-label = 赔偿义务机关
field-compensation-decision = 如已申请过赔偿，请写明对方的决定；没有可以跳过。
field-compensation-decision-label = 已有决定
field-judicial_aid-harm = 您（或被害人）因案件受到了什么损害，生活遇到什么困难？
field-judicial_aid-harm-label = 损害与困难
field-minor_protection-child_age = 孩子大约多大？（以下信息严格保密）
field-minor_protection-child_age-label = 孩子年龄
field-minor_protection-child_age-age_0_5 = 0–5 岁
field-minor_protection-child_age-age_6_11 = 6–11 岁
field-minor_protection-child_age-age_12_13 = 12–13 岁
field-minor_protection-child_age-age_14_15 = 14–15 岁
field-minor_protection-child_age-age_16_17 = 16–17 岁
field-minor_protection-child_age-unknown = 不清楚
field-minor_protection-relation = 您和孩子是什么关系？
field-minor_protection-relation-label = 与孩子关系
field-minor_protection-relation-parent = 父母
field-minor_protection-relation-relative = 亲属
field-minor_protection-relation-teacher = 老师
field-minor_protection-relation-neighbour = 邻居
field-minor_protection-relation-child_self = 我就是孩子本人
field-minor_protection-relation-other = 其他
field-suggestion-topic = 您的建议是关于哪方面的？
field-suggestion-topic-label = 建议类别
field-suggestion-topic-parking = 停车
field-suggestion-topic-rubbish = 垃圾
field-suggestion-topic-wires = 电线 / 消防通道
field-suggestion-topic-other = 其他

## After filing.
case-filed = ✅ 已收到您的{ $kind }，案件编号：{ $number }
case-filed-code = 🔑 查询码：{ $code }
    请记下查询码，它只显示这一次。用其他手机或账号查询进度时需要「案件编号 + 查询码」。
case-promise-fast-track = ⚡ 快速通道：{ $date }前决定是否支持起诉。
case-promise-procedural = 📅 { $date }前告知您是否受理（程序性答复）。
case-promise-result = 📅 { $date }前答复办理结果或进展。
case-filed-anonymous = 您选择了匿名提交，答复只能通过本机器人查看。
case-filed-confidential = 此类事项严格保密，只有专门的办案人员能查看详情。
case-filed-follow = 办理进度可以在「我的案件」中随时查看，有进展时我们也会通知您。

## Statuses, events, priorities, ratings.
status-submitted = 已提交
status-accepted = 已受理
status-transferred = 已转办
status-needs_info = 需补充材料
status-rejected = 不予受理
status-in_progress = 办理中
status-answered = 已答复
status-closed = 已办结
status-reopened = 已重新办理
event-submitted = 提交
event-accepted = 受理
event-transferred = 转办
event-needs_info = 需要补充材料
event-rejected = 不予受理
event-in_progress = 开始办理
event-answered = 答复
event-closed = 办结
event-reopened = 申请重新办理
event-citizen_info = 您补充了材料
event-staff_note = 内部备注
event-assigned = 分配承办人
event-rated = 您的评价
event-reminder = 提醒
priority-normal = 普通
priority-high = ⚡ 快速通道
priority-urgent = 🚨 紧急 · 保密
rating-5 = 😊 非常满意
rating-4 = 🙂 满意
rating-3 = 😐 基本满意
rating-2 = 🙁 不满意
rating-1 = 😠 非常不满意

## Notices to the citizen.
notice-status = 📢 您的案件 { $number } 有新进展：{ $status }
notice-office-says = 检察院答复：{ $text }
notice-transferred-to = 已转交：{ $body }
notice-next-submitted = 我们会尽快处理。
notice-next-accepted = 我们将在 { $date }前答复办理结果或进展。
notice-next-transferred = 接收单位会继续办理，请留意他们的联系。
notice-next-needs_info = 请在「我的案件」中打开此案件，点「补充材料」发送所需内容。
notice-next-rejected = 如有疑问，可以在「我的案件」中补充说明，或拨打 12309。
notice-next-in_progress = 案件正在办理，我们将在 { $date }前答复结果或进展。
notice-next-answered = 如对答复有疑问，可以在「我的案件」中补充说明。
notice-next-closed = 案件已办结，感谢您的信任。请为我们的工作评价。
notice-next-reopened = 我们会重新办理并尽快答复。
mycases-open-button = 查看 { $number }
rate-ask = 案件 { $number } 已办结。您对办理情况满意吗？

## My cases.
mycases-none = 您还没有提交过案件。如果是在其他账号或窗口提交的，可以用「案件编号 + 查询码」查询。
mycases-title = 我的案件（共 { $total } 件，第 { $page }/{ $pages } 页）：
mycases-line = { $number } · { $kind } · { $status }
mycases-next-date = 下一承诺日期 { $date }
mycases-no-promise = 无待办承诺
mycases-lookup = 🔎 用编号和查询码查询
mycases-back = ⬅️ 返回我的案件
page-previous = ◀️ 上一页
page-next = 下一页 ▶️
case-title = 案件 { $number } · { $kind }
case-status = 状态：{ $status }
case-received = 收到日期：{ $date }
case-timeline = 办理记录：
case-event-files = （{ $count } 个文件）
case-add-info = 📎 补充材料
case-rate = ⭐ 评价
case-reopen = 🔁 申请重新办理
lookup-ask-number = 请输入案件编号（如 SD-2026-000012）。
lookup-ask-code = 请输入 6 位查询码。
info-ask = 请发送要补充到案件 { $number } 的文字、照片或文件。发完后点「完成」。
info-added = ✅ 已补充到案件 { $number }，工作人员会收到通知。还有要补充的可以继续发送。
info-done = ✅ 完成
rate-thanks = 感谢您的评价：{ $rating }。还有什么想对我们说的吗？可以直接输入，或点「跳过」。
rate-comment-thanks = 谢谢，您的意见已记录。
reopen-ask-reason = 请说明为什么需要重新办理（至少 5 个字）。
reopen-done = 案件 { $number } 已申请重新办理，工作人员会尽快联系您。

## Errors a citizen can cause.
error-transition = 案件当前状态（{ $old }）不能变更为 { $new }。
error-reopen-once = 这个案件已经重新办理过一次，不能再次申请。如有新情况，请提交新的事项。
error-reopen-expired = 办结超过 { $days } 天的案件不能申请重新办理。如有新情况，请提交新的事项。
error-reopen-not-closed = 只有已办结的案件可以申请重新办理。
error-too-many-files = 最多只能发送 { $max } 个文件。请点「下一步」继续。
error-file-too-big = 这个文件超过了 { $max_mb }MB，请压缩后再发送，或分成几个文件。
error-file-type = 不支持「{ $name }」这种文件。请发送图片、PDF、Word、Excel 或 txt 文件。
error-too-short = 内容太短了（现在 { $count } 字，至少 { $min } 字），请再写详细一点。
error-too-long = 内容太长了（现在 { $count } 字，最多 { $max } 字），请精简一下，或分成几次补充。
error-field-required = 这一项必须填写。
error-date-format = 日期格式不对，请写成 2025-03-07 或 2025年3月7日。
error-date-future = 日期不能晚于今天。
error-choice = 请从按钮中选择。
error-period = 看不懂这个时间段：「{ $text }」。
error-period-order = 开始日期 { $start } 晚于结束日期 { $end }。
error-anonymous-not-allowed = 这类事项需要留下联系方式，不能匿名提交。
error-contact-required = 请留下联系电话。
error-case-not-found = 没有找到这个案件，或者您无权查看。
error-case-number-format = 案件编号格式不对，应类似 SD-2026-000012。
error-lookup-failed = 案件编号或查询码不正确。
error-lookup-locked = 查询码错误次数过多，该案件的查询已锁定，请 { $minutes } 分钟后再试，或拨打 12309。
error-case-closed = 这个案件已经办结，不能再补充材料。如需重新办理，请在案件页点「申请重新办理」。
error-info-empty = 请发送文字、照片或文件。
error-rate-not-closed = 案件办结后才能评价。
error-already-rated = 这个案件已经评价过了，谢谢！
error-case-changed = 案件刚刚被其他人处理过，请刷新后再试。

## Staff chat.
staff-new-case = 🆕 新案件 { $number } · { $kind } · { $priority }
staff-case-confidential = 🔒 保密事项：案情和附件不在群内显示，只有专门的承办人查看。
staff-case-place = 地点：{ $place }
staff-anonymous = 联系人：匿名
staff-case-contact = 联系人：{ $name } · { $phone }
staff-case-files = 附件 { $count } 个
staff-case-promises = 承诺：{ $procedural }前程序性答复；{ $result }前答复结果
staff-citizen-info = 📎 { $number } 当事人补充：{ $text }（附件 { $count } 个）
staff-case-reopened = 🔁 { $number } 当事人申请重新办理：{ $reason }
staff-bad-rating = ⚠️ { $number } 收到差评：{ $rating }。请在 1 日内回访。
staff-rating = ⭐ { $number } 评价：{ $rating }
