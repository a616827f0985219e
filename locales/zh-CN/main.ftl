# Greeting, menu, help and shared words.
start-greeting =
    您好，这里是{ $office }「12309 民生检察」服务。
    您可以在这里咨询法律问题、提交控告申诉、反映欠薪、查询案件进度、预约听证会旁听或检察长接待日。
    请选择您要办理的事项：
menu-title = 请选择您要办理的事项：
menu-ask = 💬 法律咨询
menu-file = 📝 控告 / 申诉 / 举报
menu-wages = 👷 农民工讨薪
menu-my-cases = 📂 我的案件
menu-hearings = 🏛 听证会与接待日
menu-language = 🌐 语言 / Language
menu-back = ⬅️ 返回主菜单
coming-soon = 「{ $feature }」功能正在建设中，很快上线。现在如需帮助，请拨打 12309 检察服务热线。
help-text =
    { $office } 12309 民生检察服务可以为您：
    • 法律咨询：直接提问，常见问题立即回答，其他问题由工作人员答复；
    • 控告、申诉、举报、国家赔偿、司法救助、未成年人保护、社会治理建议：在线提交，获得案件编号和查询码；
    • 农民工讨薪：快速通道，可申请检察机关支持起诉；
    • 我的案件：查看办理进度，补充材料，办结后评价；
    • 检察听证会旁听和检察长接待日预约。
    我们承诺：7 日内告知受理情况，3 个月内答复办理结果或进展。
    常用命令：/start 主菜单 · /language 切换语言 · /privacy 个人信息说明 · /cancel 退出当前操作
    办公地址：{ $address }；接待时间：{ $hours }。情况紧急请拨打 110。
privacy-text =
    个人信息说明
    • 我们保存：您提交的案件内容、附件、联系方式（姓名、电话，必要时的身份证号）、办理记录，以及您选择的语言。
    • 用途：仅用于受理、办理和答复您的诉求，以及统计办理质量。
    • 谁能看到：{ $office }的办案工作人员。匿名提交的事项不保存您的姓名和电话。工作群中电话和身份证号均以部分隐藏的形式显示，查看完整信息会留下记录。
    • 保存多久：案件办结后保存 { $days } 天，之后删除个人信息，仅保留不含个人信息的统计数据。
    • 您可以随时通过 /cancel 放弃未提交的表单；如需查阅或删除您的信息，请联系工作人员。
cancelled = 已退出当前操作，填写的内容没有提交。
nothing-to-cancel = 当前没有正在进行的操作。
language-choose = 请选择语言：
language-set = 已切换为中文。
language-name-zh-CN = 中文（简体）
language-name-en = English
error-apology = 抱歉，系统出了点问题，您的信息没有丢失。请稍后再试；如情况紧急请拨打 12309。
button-expired = 这个按钮已失效，请重新打开菜单。
not-staff = 此命令仅限工作人员使用。
unknown-command = 没有这个命令。发送 /start 打开主菜单，/help 查看说明。
staff-error-report = ⚠️ 处理更新 { $update } 时出错：{ $error }{ $case }
# Commands shown in Telegram's menu.
cmd-start = 打开主菜单
cmd-help = 能做什么
cmd-language = 切换语言
cmd-privacy = 个人信息说明
cmd-cancel = 退出当前操作
staff-reminders-interrupted = ⚠️ 上次停机时有 { $count } 条提醒正在发送，无法确认是否已送达，未重复发送。请在工作台核对。
flood-slow-down = 您发送得太快了，请稍等几秒再发。已收到的内容不会丢失。
