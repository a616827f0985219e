## 农民工讨薪：快速通道表单。
wage-form-title = 欠薪登记
wage-start-button = 👷 开始欠薪登记
wage-offer =
    被拖欠工资了？检察院对农民工讨薪实行「三快一优」：快速受理、快速审查、快速办理、优先提供法律援助，符合条件的可以支持您起诉。
    点下面的按钮登记，大约 2 分钟。也可以拨打 12333（劳动保障监察）或 12348（法律援助）。
wage-ask-work-type = 您做的是什么工作？
wage-work-type-label = 工作类型
wage-work-type-construction = 🏗 建筑工地
wage-work-type-other = 🧰 其他行业
wage-ask-employer = 欠您工资的是哪个老板或公司？写名称就行，比如「某某建筑公司」或「包工头张某」。
wage-employer-label = 欠薪单位/老板
wage-ask-site = 在哪里干的活？请写工程项目或工地名称、地址。
wage-site-label = 项目/工地
wage-ask-work = 您具体干的什么活？比如木工、钢筋工、保洁、送餐。
wage-work-label = 工作内容
wage-ask-period = 哪几个月的工资没发？可以直接写，比如「2025年10月到12月」，或点开始的月份。
wage-period-label = 欠薪期间
wage-ask-period-to = 到哪个月为止？点结束的月份（只欠一个月就点同一个月）。
wage-period-to-label = 截止月份
wage-period-range = { $start }至{ $end }
wage-ask-amount = 一共欠您多少钱？比如 35000、3.5万 或 三万五千。
wage-amount-label = 欠薪金额
wage-amount-confirm = 💰 已记录：{ $amount }
wage-ask-workers = 一起被欠薪的有多少人（包括您自己）？
wage-workers-label = 被欠薪人数
wage-workers-1 = 只有我
wage-workers-2 = 2 人
wage-workers-3 = 3 人
wage-workers-5 = 5 人
wage-workers-10 = 10 人
wage-workers-20 = 20 人
wage-ask-evidence =
    有证据就拍照发过来（没有也可以先登记）：
    劳动合同或协议、考勤表或记工本、工资条或欠条、银行转账记录、工地照片、和老板的聊天记录。
    这些材料请一定保存好原件。
wage-evidence-label = 证据材料
wage-ask-contact = 请留下您的手机号，检察官需要联系您（讨薪不能匿名）：点「发送我的手机号」或直接输入。
wage-ask-id = 如方便，请输入身份证号（18 位），用于支持起诉时核实身份；不方便可以跳过。
wage-id-label = 身份证号
wage-ask-ack = 请确认：以上内容真实。我知道虚假举报、恶意讨薪要承担法律责任。
wage-ack-label = 真实性承诺
wage-description = 【欠薪】{ $work_type }；欠薪方：{ $employer }；项目/工地：{ $site }；工作内容：{ $work }；欠薪期间：{ $start }至{ $end }；金额：{ $amount }；被欠薪人数：{ $workers }。
wage-after-filing =
    📞 法律援助热线 12348 · 劳动保障监察 12333
    请保存好劳动合同、考勤记录、工资条、转账记录和聊天记录，不要删除，也不要交给别人。
wage-evidence-contract = 劳动合同/协议
wage-evidence-attendance = 考勤表/记工本
wage-evidence-payslips = 工资条/欠条
wage-evidence-transfers = 转账记录
wage-evidence-photos = 工地照片
wage-evidence-chat-records = 聊天记录
wage-evidence-other = 其他材料

## 填写错误。
wage-error-amount = 看不懂这个金额：「{ $text }」。请写成 35000、3.5万 或 三万五千。
wage-error-amount-not-positive = 金额要大于 0：「{ $text }」。
wage-error-amount-too-large = 金额超过了 { $max } 元，请核对后重新输入。
wage-error-amount-precision = 金额最多保留两位小数：「{ $text }」。
wage-error-period = 看不懂这个时间：「{ $text }」。请写成「2025年10月到12月」，或点月份按钮。
wage-error-period-order = 结束月份早于开始月份：「{ $text }」。
wage-error-period-future = 这个时间还没到：「{ $text }」。请写已经过去的月份。
wage-error-period-too-long = 时间跨度超过了 { $years } 年，请核对。
wage-error-headcount = 看不懂人数：「{ $text }」。请写一个数字，比如 5。
wage-error-headcount-range = 人数应在 { $min } 到 { $max } 之间。
wage-error-id-number = 身份证号不对（应为 18 位，最后一位可能是 X）。请核对，或点「跳过」。

## Wage fields as staff read them in /case.
field-wage_arrears-work_type-label = 工作类型
field-wage_arrears-work_type-construction = 建筑工地
field-wage_arrears-work_type-other = 其他行业
field-wage_arrears-employer-label = 欠薪单位/老板
field-wage_arrears-employer_address-label = 单位地址
field-wage_arrears-project-label = 项目/工地
field-wage_arrears-work_done-label = 工作内容
field-wage_arrears-unpaid_from-label = 欠薪起始月
field-wage_arrears-unpaid_to-label = 欠薪截止月
field-wage_arrears-amount-label = 欠薪金额（元）
field-wage_arrears-workers-label = 被欠薪人数
