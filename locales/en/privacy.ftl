mydata-caption = This is everything this service keeps about you (cases, their history, file details, bookings). Personal data is removed { $days } days after a case is closed.
audit-admins-only = The audit log is for admins only.
audit-title = The latest { $count } audit entries (when · who · what · subject):
