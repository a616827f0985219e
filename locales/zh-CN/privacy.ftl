mydata-caption = 这是本服务保存的与您有关的全部信息（案件、办理记录、附件信息、预约）。案件办结 { $days } 天后，个人信息会被删除。
audit-admins-only = 审计日志仅限管理员查看。
audit-title = 最近 { $count } 条审计记录（时间 · 操作人 · 操作 · 对象）：
