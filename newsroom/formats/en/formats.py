# Date and time on public pages and in the admin: "29 November 2026, 14:30".
DATETIME_FORMAT = "j F Y, H:i"
