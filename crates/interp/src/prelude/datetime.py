# datetime for proclab: datetime.now() / strftime / str, timedelta basics.
import time
import _proclab


class timedelta:
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        self._total = (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds + milliseconds / 1000 + microseconds / 1000000

    def total_seconds(self):
        return self._total

    def __repr__(self):
        return 'datetime.timedelta(seconds=%r)' % (self._total,)

    def __str__(self):
        t = self._total
        h = int(t // 3600)
        m = int(t % 3600 // 60)
        s = t % 60
        if s == int(s):
            return '%d:%02d:%02d' % (h, m, int(s))
        return '%d:%02d:%09.6f' % (h, m, s)


class datetime:
    def __init__(self, ts):
        self._ts = ts

    @classmethod
    def now(cls, tz=None):
        return cls(time.time())

    @classmethod
    def fromtimestamp(cls, ts, tz=None):
        return cls(ts)

    def timestamp(self):
        return self._ts

    def strftime(self, fmt):
        return _proclab.strftime(fmt, self._ts)

    def isoformat(self, sep='T'):
        return _proclab.strftime('%Y-%m-%d' + sep + '%H:%M:%S.%f', self._ts)

    def __str__(self):
        return _proclab.strftime('%Y-%m-%d %H:%M:%S.%f', self._ts)

    def __sub__(self, other):
        if isinstance(other, datetime):
            return timedelta(seconds=self._ts - other._ts)
        return datetime(self._ts - other.total_seconds())

    def __add__(self, other):
        return datetime(self._ts + other.total_seconds())
