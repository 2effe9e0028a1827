# checks: datetime/date/timedelta arithmetic and formatting on fixed dates (exact)
from datetime import datetime, date, timedelta
d = date(2024, 2, 28)
print(d + timedelta(days=1), d + timedelta(days=2), d.weekday(), d.isoformat(), d.strftime("%d/%m/%Y %A"))
dt = datetime(2023, 12, 31, 23, 59, 30)
print(dt + timedelta(seconds=45), (datetime(2024, 1, 1) - dt), (date(2025, 1, 1) - date(2024, 1, 1)).days)
print(repr(timedelta(hours=25, minutes=3)), timedelta(days=1, seconds=3661), dt.strftime("%B %j %I%p"))
print(datetime.strptime("2021-07-04 12:00", "%Y-%m-%d %H:%M"), datetime.fromisoformat("2020-05-17T08:09:10"))
print(date(2024, 3, 1) > date(2024, 2, 29), max(date(2020, 1, 1), date(2019, 12, 31)))
