## The staff desk: case cards, actions, replies, deadlines, figures (staff read these).

staff-card-fast-track = ⚡ 快速通道：{ $date }前作出是否支持起诉的决定
staff-card-status = 状态：{ $status } · 承办人：{ $assignee }
staff-unassigned = 未分配
staff-card-last = 最近操作：{ $action }（{ $who }，{ $when }）
staff-merged-title = 📥 同时到达 { $count } 条消息，合并发送（点按钮查看案件卡片）：
staff-merged-new = 🆕 { $number } · { $kind } · { $priority }
staff-citizen-info-confidential = 🔒 { $number } 当事人补充了材料（保密事项，附件 { $count } 个），请私聊机器人用 /case 查看。

staff-button-accept = ✅ 受理
staff-button-needinfo = 📝 需补充材料
staff-button-transfer = ↪️ 转办
staff-button-reject = ⛔ 不予受理
staff-button-answer = 💬 答复结果
staff-button-close = 🏁 办结
staff-button-assign = 🙋 由我承办
staff-button-show-card = 📂 { $number }

## Ready texts for the citizen, per action; staff edit them before they are sent.
staff-template-accept = 您反映的问题（案件 { $number }）已经受理。我们将依法办理，并在规定期限内答复办理结果。
staff-template-needinfo = 为办理您的案件 { $number }，还需要您补充以下材料：（请写明需要的材料）。请在「我的案件」中打开此案件，点「补充材料」发送。
staff-template-transfer = 您反映的问题（案件 { $number }）不属于本院管辖，已转交{ $body }办理，请留意该单位与您联系。
staff-template-reject = 经审查，您反映的问题（案件 { $number }）不属于检察机关受理范围，依法不予受理。理由：（请写明理由）。如有疑问，可拨打 12309 咨询。
staff-template-answer = 关于您反映的问题（案件 { $number }），办理结果如下：（请写明办理结果）。
staff-template-close = 您的案件 { $number } 已办结。感谢您对{ $office }工作的信任与支持。

staff-ask-body = ↪️ 转办 { $number }：请回复本消息，写明接收单位的名称（如“示例区人力资源和社会保障局”）。
staff-ask-text =
    ✍️ { $name }：「{ $action }」{ $number }。当事人会收到以下答复（{ $language }）：

    { $template }

    请回复本消息发送您修改后的文字，或点「按模板发送」。
staff-send-template = 📨 按模板发送
staff-cancel = ✖ 取消
staff-action-done = ✅ { $number } 现在是「{ $status }」，已通知当事人。
staff-action-cancelled = 已取消 { $number } 的操作，当事人没有收到任何消息。
staff-prompt-not-yours = 这条提示属于另一位工作人员，或已经过期。
staff-assigned = 🙋 { $number } 已由您承办。

staff-reply-to-citizen =
    📨 { $office }就案件 { $number } 回复您：
    { $text }
staff-reply-sent = ✅ 已发送给 { $number } 的当事人。
staff-reply-not-delivered = ⚠️ 已记录，但未能发送给 { $number } 的当事人（对方可能已停用机器人），请电话联系。
staff-note-saved = 📌 已作为 { $number } 的内部备注保存，当事人看不到。
staff-error-ambiguous = 这条合并消息涉及 { $count } 个案件，请先点按钮打开具体案件的卡片，再回复卡片。
staff-error-unreachable = { $number } 是匿名或线下提交的案件，无法通过机器人回复。
staff-error-confidential-here = { $number } 是保密事项，请在与机器人的私聊中用 /case 查看。
staff-error-admin-only = 只有管理员可以导出完整联系方式（/export … full）。
staff-error-queue-arg = 看不懂“{ $text }”。用法：/queue [类型] [overdue]，例如 /queue wage_arrears overdue

staff-deadline-procedural = 7日内程序性答复
staff-deadline-result = 3个月内答复办理结果
staff-deadline-fast_track = 快速通道3日内决定
staff-alert-overdue = ⏰ 超期：{ $number }（{ $kind }）的「{ $promise }」已于 { $date } 到期，仍未答复。承办人：{ $assignee }
staff-alert-progress = 📅 { $number } 已受理 { $months } 个月仍未办结：请在 { $date }前向当事人答复办理进展。承办人：{ $assignee }
staff-digest-title = 🗓 每日期限提醒 { $date }：超期 { $overdue } 项，2日内到期 { $soon } 项
staff-digest-more = （续）
staff-digest-line-overdue = ⚠️ { $number } · { $kind } · { $promise } · { $date } 到期，已超期 { $days } 天 · 承办人：{ $assignee }
staff-digest-line-soon = • { $number } · { $kind } · { $promise } · { $date } 到期（{ $days ->
        [0] 今天
       *[other] 还有 { $days } 天
    }）· 承办人：{ $assignee }

staff-queue-empty = 没有符合条件的未办结案件。
staff-queue-title = 📋 未办结案件（按最近期限排序，最多 20 件）：{ $count } 件
staff-queue-line = { $overdue ->
        [yes] ⚠️
       *[no] •
    } { $number } · { $kind } · { $status } · 期限 { $due } · { $assignee }
staff-case-usage = 用法：/case 案件编号，例如 /case SD-2026-000012
staff-view-title = 📂 { $number } · { $kind } · { $priority }
staff-view-received = 收到：{ $date }
staff-view-contact = 联系人：{ $name } · 电话 { $phone } · 身份证 { $id_number }（此次查看已记入审计日志）
staff-view-timeline = 办理记录：
staff-wage-group = 💰 同一用人单位的报告 { $count } 件：{ $numbers }；欠薪合计 { $owed } 元；工人合计 { $workers } 人（单件最多 { $most } 人）；最早欠薪月份 { $earliest }
staff-wage-same = ✔ 与 { $number } 同一单位
staff-wage-different = ✂ 与 { $number } 不是同一单位
staff-wage-linked = 已记录：{ $a } 和 { $b } 是同一用人单位。
staff-wage-split = 已记录：{ $a } 和 { $b } 不是同一用人单位。

staff-stats =
    📊 统计（按收到日期）{ $period }
    案件总数：{ $total }
    按类型：{ $by_kind }
    按状态：{ $by_status }
    7日内程序性答复率：{ $procedural }（{ $procedural_met }/{ $procedural_n }）
    3个月内答复办理结果率：{ $result }（{ $result_met }/{ $result_n }）
    办结率：{ $completion }（{ $completed }/{ $completion_n }）
    满意率：{ $satisfaction }（{ $satisfied }/{ $ratings_n }，差评 { $bad }）
    平均首次答复用时：{ $hours } 小时（{ $first_reply_n } 件）
    匿名和无法联系的案件不计入答复率；未到期且未答复的案件暂不计入。
staff-stats-usage = 用法：/stats [this-month | last-month | 2026-03 | 2026-03-01 2026-03-15]
staff-export-caption = 📄 { $count } 件案件。{ $masked ->
        [yes] 联系方式已脱敏。
       *[no] 含完整联系方式，请妥善保管（已记入审计日志）。
    }
staff-chart-title = 统计 { $period }
staff-chart-rates = 答复率与满意率
staff-chart-kinds = 按类型（共 { $total } 件）
staff-chart-procedural = 7日程序性答复
staff-chart-result = 3个月结果答复
staff-chart-completion = 办结率
staff-chart-satisfaction = 满意率
staff-error-confidential-assignee = { $number } 是保密事项，只有承办人和管理员可以查看详情。请先在案件卡片上点“由我承办”。
