# 知识库自动答复、转人工、危险提示。
faq-ask-prompt = 请用几句话写下您的问题，例如“怎么申诉”或“老板欠我工资”。
faq-answer-footer = 这个回答有帮助吗？
faq-choices-intro = 我不太确定您问的是哪一个，请选择：
faq-unknown = 抱歉，这个问题我没有现成的答案。工作人员可以为您解答，请点“转人工”。
faq-btn-yes = 👍 有帮助
faq-btn-no = 👎 没帮助
faq-btn-person = 🙋 转人工
faq-thanks = 谢谢！很高兴能帮到您。
faq-person-confirm =
    把这个问题发给工作人员吗？他们会在这个对话里答复您。
    “{ $question }”
faq-btn-send = ✅ 发给工作人员
faq-btn-cancel = ✖️ 取消
faq-person-cancelled = 没有发送。您随时可以再提问。
faq-person-too-short = 您的问题有点短，工作人员不好答复（现在 { $count } 字，至少 { $min } 字）。请再写详细一点重新发送，我会转给工作人员。
faq-person-too-long = 您的问题太长了（{ $count } 字，最多 { $max } 字），请精简后重新发送。
faq-action-file = 📝 开始办理：{ $kind }
faq-action-wages = 👷 反映欠薪
faq-action-hearings = 🏛 公开听证
faq-action-reception = 🏛 检察长接待日
faq-action-my-cases = 📂 我的案件
faq-action-lookup = 🔎 查询案件
faq-minor-offer = 🔒 未成年人保护（保密）
danger-reply =
    ⚠️ 如果您或他人正处于危险之中，请立即拨打：
    { $hotlines }
    我们已通知工作人员，会马上查看您的消息。
hotline-110 = 110 — 报警
hotline-120 = 120 — 急救
hotline-119 = 119 — 火警
hotline-12309 = 12309 — 检察服务热线
hotline-12355 = 12355 — 青少年服务热线
hotline-12338 = 12338 — 妇女维权热线
hotline-12333 = 12333 — 人社服务热线
hotline-12348 = 12348 — 法律援助热线
hotline-12345 = 12345 — 政务服务热线
danger-category-self-harm = 自伤自杀
danger-category-child-harm = 儿童受到伤害
danger-category-violence-now = 正在发生的暴力
danger-category-threat = 威胁
hotline-12356 = 12356 — 心理援助热线（全国统一，免费）
danger-category-person-held = 人身自由被限制
danger-category-sexual-assault = 性侵害
danger-category-stalking = 被跟踪或监视
danger-category-workplace-accident = 工伤事故
danger-category-fire-gas-flood = 火灾、烟雾、燃气或水灾
danger-category-collapsed = 有人晕倒或失去意识
danger-staff-alert =
    🚨 紧急：可能有危险（{ $category }）
    来自：{ $name }（会话 { $chat }），电话 { $phone }
    “{ $text }”
    已向群众显示紧急求助电话。请立即联系。
faq-report-title = 答复统计（自 { $since } 起）
faq-report-helpful-title = 帮助最少的答复（👍 有帮助 · 👎 没帮助 · 🙋 转人工）：
faq-report-entry = • { $entry }（{ $lang }）：👍 { $yes } · 👎 { $no } · 🙋 { $person }
faq-report-no-feedback = • 暂无差评。
faq-report-unanswered-title = 未能答复的问题：{ $count } 条
faq-report-unanswered-line = • { $date }（{ $lang }）{ $question }
faq-report-no-unanswered = • 无。
faq-smalltalk-greeting = 您好！有什么问题直接用您自己的话问我，或者在菜单里选择：
faq-smalltalk-thanks = 不客气。还有别的需要吗？直接输入问题，或者在菜单里选择：
faq-smalltalk-bye = 再见。随时可以再来；您的案件和预约都在“📂 我的案件”里。
faq-smalltalk-ok = 好的。需要什么时直接在这里输入，或者在菜单里选择：
