"""csv: the common dialect ('excel': comma, double-quote quoting, \r\n line ends)."""

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = 0, 1, 2, 3


class Error(Exception):
    pass


class excel:
    delimiter = ","
    quotechar = '"'
    lineterminator = "\r\n"
    quoting = QUOTE_MINIMAL


def _opts(kw):
    return (kw.get("delimiter", ","), kw.get("quotechar", '"'),
            kw.get("lineterminator", "\r\n"), kw.get("quoting", QUOTE_MINIMAL))


class _writer:
    def __init__(self, f, **kw):
        self._f = f
        self._delim, self._quote, self._term, self._quoting = _opts(kw)

    def _field(self, v):
        if v is None:
            s = ""
        elif isinstance(v, float):
            s = repr(v)
        else:
            s = str(v)
        q = self._quoting == QUOTE_ALL or (
            self._quoting == QUOTE_NONNUMERIC and not isinstance(v, (int, float)))
        if not q and self._quoting != QUOTE_NONE:
            q = self._delim in s or self._quote in s or "\n" in s or "\r" in s
        if q:
            return self._quote + s.replace(self._quote, self._quote * 2) + self._quote
        return s

    def writerow(self, row):
        row = list(row)
        if len(row) == 1 and row[0] == "":
            # A lone empty field is quoted, or the row would read back as no fields.
            return self._f.write(self._quote * 2 + self._term)
        line = self._delim.join(self._field(v) for v in row) + self._term
        return self._f.write(line)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(f, dialect="excel", **kw):
    return _writer(f, **kw)


class _reader:
    def __init__(self, f, **kw):
        self._it = iter(f)
        self._delim, self._quote, _, self._quoting = _opts(kw)
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        line = next(self._it)
        self.line_num += 1
        fields, cur, inq, quoted = [], "", False, False
        i = 0
        while True:
            if i >= len(line):
                if inq:
                    # A quoted field spanning lines.
                    line = next(self._it)
                    self.line_num += 1
                    i = 0
                    continue
                break
            c = line[i]
            if inq:
                if c == self._quote:
                    if i + 1 < len(line) and line[i + 1] == self._quote:
                        cur += c
                        i += 1
                    else:
                        inq = False
                else:
                    cur += c
            elif c == self._quote and self._quoting != QUOTE_NONE and cur == "":
                inq, quoted = True, True
            elif c == self._delim:
                fields.append(cur)
                cur, quoted = "", False
            elif c in "\r\n":
                pass
            else:
                cur += c
            i += 1
        if fields or cur or quoted:
            fields.append(cur)
        if self._quoting == QUOTE_NONNUMERIC:
            fields = [float(x) if x else x for x in fields]
        return fields


def reader(f, dialect="excel", **kw):
    return _reader(f, **kw)


class DictReader:
    def __init__(self, f, fieldnames=None, restkey=None, restval=None, dialect="excel", **kw):
        self.reader = _reader(f, **kw)
        self._fieldnames = fieldnames
        self.restkey, self.restval = restkey, restval

    @property
    def fieldnames(self):
        if self._fieldnames is None:
            try:
                self._fieldnames = next(self.reader)
            except StopIteration:
                pass
        return self._fieldnames

    def __iter__(self):
        return self

    def __next__(self):
        names = self.fieldnames
        row = next(self.reader)
        while row == []:
            row = next(self.reader)
        d = dict(zip(names, row))
        if len(names) < len(row):
            d[self.restkey] = row[len(names):]
        elif len(names) > len(row):
            for key in names[len(row):]:
                d[key] = self.restval
        return d


class DictWriter:
    def __init__(self, f, fieldnames, restval="", extrasaction="raise", dialect="excel", **kw):
        self.fieldnames = list(fieldnames)
        self.restval = restval
        self.extrasaction = extrasaction
        self.writer = _writer(f, **kw)

    def writeheader(self):
        return self.writer.writerow(self.fieldnames)

    def writerow(self, rowdict):
        if self.extrasaction == "raise":
            wrong = [k for k in rowdict if k not in self.fieldnames]
            if wrong:
                raise ValueError("dict contains fields not in fieldnames: "
                                 + ", ".join(repr(x) for x in wrong))
        return self.writer.writerow([rowdict.get(k, self.restval) for k in self.fieldnames])

    def writerows(self, rowdicts):
        for r in rowdicts:
            self.writerow(r)
