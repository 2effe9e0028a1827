# datetime for proclab: date, datetime (naive, UTC clock), timedelta; strftime via the VM's
# CPython-compatible strftime. Calendar arithmetic on the proleptic Gregorian calendar.
import time as _time
import _proclab

MINYEAR = 1
MAXYEAR = 9999
_US = 1000000
_DAY_US = 86400 * _US


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z):
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return (y + (m <= 2), m, d)


def _days_in_month(y, m):
    if m == 2:
        return 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28
    return 31 if m in (1, 3, 5, 7, 8, 10, 12) else 30


def _check_date(y, m, d):
    if not MINYEAR <= y <= MAXYEAR:
        raise ValueError('year %d is out of range' % y)
    if not 1 <= m <= 12:
        raise ValueError('month must be in 1..12')
    if not 1 <= d <= _days_in_month(y, m):
        raise ValueError('day is out of range for month')


class timedelta:
    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = ((weeks * 7 + days) * 86400 + hours * 3600 + minutes * 60 + seconds) * _US \
            + milliseconds * 1000 + microseconds
        if isinstance(total, float):
            total = round(total)
        self._us = total

    @classmethod
    def _from_us(cls, us):
        t = cls()
        t._us = us
        return t

    @property
    def days(self):
        return self._us // _DAY_US

    @property
    def seconds(self):
        return self._us % _DAY_US // _US

    @property
    def microseconds(self):
        return self._us % _US

    def total_seconds(self):
        return self._us / _US

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us + other._us)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta._from_us(self._us - other._us)
        return NotImplemented

    def __neg__(self):
        return timedelta._from_us(-self._us)

    def __abs__(self):
        return timedelta._from_us(abs(self._us))

    def __mul__(self, k):
        return timedelta._from_us(round(self._us * k))

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us / other._us
        return timedelta._from_us(round(self._us / other))

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us // other._us
        return timedelta._from_us(self._us // other)

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._us == other._us

    def __lt__(self, other):
        return self._us < other._us

    def __le__(self, other):
        return self._us <= other._us

    def __gt__(self, other):
        return self._us > other._us

    def __ge__(self, other):
        return self._us >= other._us

    def __hash__(self):
        return hash(self._us)

    def __bool__(self):
        return self._us != 0

    def __repr__(self):
        parts = []
        if self.days:
            parts.append('days=%d' % self.days)
        if self.seconds:
            parts.append('seconds=%d' % self.seconds)
        if self.microseconds:
            parts.append('microseconds=%d' % self.microseconds)
        return 'datetime.timedelta(%s)' % (', '.join(parts) if parts else '0')

    def __str__(self):
        mm, ss = divmod(self.seconds, 60)
        hh, mm = divmod(mm, 60)
        s = '%d:%02d:%02d' % (hh, mm, ss)
        if self.days:
            s = '%d day%s, ' % (self.days, '' if abs(self.days) == 1 else 's') + s
        if self.microseconds:
            s += '.%06d' % self.microseconds
        return s


class date:
    def __init__(self, year, month, day):
        _check_date(year, month, day)
        self.year = year
        self.month = month
        self.day = day

    @classmethod
    def today(cls):
        d = datetime.now()
        return cls(d.year, d.month, d.day)

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _civil_from_days(n - 719163)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        return cls(int(s[0:4]), int(s[5:7]), int(s[8:10]))

    def _days(self):
        return _days_from_civil(self.year, self.month, self.day)

    def toordinal(self):
        return self._days() + 719163

    def weekday(self):
        return (self._days() + 3) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isoformat(self):
        return '%04d-%02d-%02d' % (self.year, self.month, self.day)

    __str__ = isoformat

    def _ts(self):
        return self._days() * 86400

    def strftime(self, fmt):
        return _proclab.strftime(fmt, self._ts())

    def replace(self, year=None, month=None, day=None):
        return type(self)(year or self.year, month or self.month, day or self.day)

    def timetuple(self):
        return (self.year, self.month, self.day, 0, 0, 0, self.weekday(), 0, -1)

    def __repr__(self):
        return 'datetime.date(%d, %d, %d)' % (self.year, self.month, self.day)

    def _key(self):
        return (self.year, self.month, self.day)

    def __add__(self, other):
        if isinstance(other, timedelta):
            y, m, d = _civil_from_days(self._days() + other.days)
            return date(y, m, d)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(days=-other.days)
        if isinstance(other, date):
            return timedelta(days=self._days() - other._days())
        return NotImplemented

    def __eq__(self, other):
        return isinstance(other, date) and self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __hash__(self):
        return hash(self._key())


class datetime(date):
    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        _check_date(year, month, day)
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
        self.tzinfo = tzinfo

    @classmethod
    def fromtimestamp(cls, ts, tz=None):
        us = round(ts * _US)
        days, rest = divmod(us, _DAY_US)
        y, m, d = _civil_from_days(days)
        secs, micro = divmod(rest, _US)
        return cls(y, m, d, secs // 3600, secs % 3600 // 60, secs % 60, micro)

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time())

    utcnow = now
    today = now

    @classmethod
    def combine(cls, d, t=None):
        return cls(d.year, d.month, d.day)

    @classmethod
    def fromisoformat(cls, s):
        y, mo, d = int(s[0:4]), int(s[5:7]), int(s[8:10])
        h = mi = sec = us = 0
        if len(s) > 10:
            t = s[11:]
            h = int(t[0:2])
            mi = int(t[3:5]) if len(t) >= 5 else 0
            sec = int(t[6:8]) if len(t) >= 8 else 0
            if len(t) > 9 and t[8] == '.':
                us = int((t[9:] + '000000')[:6])
        return cls(y, mo, d, h, mi, sec, us)

    @classmethod
    def strptime(cls, text, fmt):
        vals = {'Y': 1900, 'm': 1, 'd': 1, 'H': 0, 'M': 0, 'S': 0, 'f': 0}
        i = 0
        j = 0
        pm = None
        while j < len(fmt):
            c = fmt[j]
            if c == '%' and j + 1 < len(fmt):
                code = fmt[j + 1]
                j += 2
                if code == '%':
                    if text[i:i + 1] != '%':
                        break
                    i += 1
                    continue
                if code == 'p':
                    word = text[i:i + 2].upper()
                    if word not in ('AM', 'PM'):
                        raise ValueError('time data %r does not match format %r' % (text, fmt))
                    pm = word == 'PM'
                    i += 2
                    continue
                width = {'Y': 4, 'f': 6}.get(code, 2)
                k = i
                while k < len(text) and k - i < width and text[k].isdigit():
                    k += 1
                if k == i:
                    raise ValueError('time data %r does not match format %r' % (text, fmt))
                n = int(text[i:k])
                if code == 'y':
                    vals['Y'] = n + (2000 if n < 69 else 1900)
                elif code == 'I':
                    vals['H'] = n % 12
                elif code == 'f':
                    vals['f'] = int((text[i:k] + '000000')[:6])
                else:
                    vals[code] = n
                i = k
            else:
                if i >= len(text) or text[i] != c:
                    raise ValueError('time data %r does not match format %r' % (text, fmt))
                i += 1
                j += 1
        if i != len(text) or j != len(fmt):
            if i < len(text):
                raise ValueError('unconverted data remains: %s' % text[i:])
            raise ValueError('time data %r does not match format %r' % (text, fmt))
        if pm:
            vals['H'] += 12
        return cls(vals['Y'], vals['m'], vals['d'], vals['H'], vals['M'], vals['S'], vals['f'])

    def date(self):
        return date(self.year, self.month, self.day)

    def _ts(self):
        return self._days() * 86400 + self.hour * 3600 + self.minute * 60 + self.second + self.microsecond / _US

    def _total_us(self):
        return ((self._days() * 86400 + self.hour * 3600 + self.minute * 60 + self.second) * _US
                + self.microsecond)

    def timestamp(self):
        return self._ts()

    def weekday(self):
        return (self._days() + 3) % 7

    def isoformat(self, sep='T', timespec='auto'):
        s = '%04d-%02d-%02d%s%02d:%02d:%02d' % (self.year, self.month, self.day, sep,
                                               self.hour, self.minute, self.second)
        if self.microsecond:
            s += '.%06d' % self.microsecond
        return s

    def __str__(self):
        return self.isoformat(' ')

    def __repr__(self):
        parts = [self.year, self.month, self.day, self.hour, self.minute]
        if self.second or self.microsecond:
            parts.append(self.second)
        if self.microsecond:
            parts.append(self.microsecond)
        return 'datetime.datetime(%s)' % ', '.join(str(p) for p in parts)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None):
        pick = lambda a, b: b if a is None else a
        return datetime(pick(year, self.year), pick(month, self.month), pick(day, self.day),
                        pick(hour, self.hour), pick(minute, self.minute), pick(second, self.second),
                        pick(microsecond, self.microsecond))

    def _key(self):
        return (self.year, self.month, self.day, self.hour, self.minute, self.second, self.microsecond)

    def __add__(self, other):
        if isinstance(other, timedelta):
            return _from_total_us(self._total_us() + other._us)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return _from_total_us(self._total_us() - other._us)
        if isinstance(other, datetime):
            return timedelta(microseconds=self._total_us() - other._total_us())
        return NotImplemented


def _from_total_us(us):
    days, rest = divmod(us, _DAY_US)
    y, m, d = _civil_from_days(days)
    secs, micro = divmod(rest, _US)
    return datetime(y, m, d, secs // 3600, secs % 3600 // 60, secs % 60, micro)


class timezone:
    def __init__(self, offset, name=None):
        self.offset = offset


timezone.utc = timezone(timedelta(0))
