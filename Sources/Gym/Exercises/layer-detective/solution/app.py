"""Prints when the next class starts (the course meets on Thursdays at 18:00)."""

from datetime import datetime

from dateutil.relativedelta import TH, relativedelta


def next_class(now: datetime) -> datetime:
    return now + relativedelta(weekday=TH(+1), hour=18, minute=0, second=0, microsecond=0)


if __name__ == "__main__":
    start = next_class(datetime(2026, 11, 26, 9, 0))
    print(f"next class: {start:%A %Y-%m-%d %H:%M}")
