# traceback for proclab: prints what CPython prints (without the ^^^ marker lines).
import _proclab


def print_exc(limit=None, file=None, chain=True):
    text = _proclab.format_exc(None)
    if file is None:
        _proclab.write_stderr(text)
    else:
        file.write(text)


def format_exc(limit=None, chain=True):
    return _proclab.format_exc(None)


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if value is None:
        value = exc
    _proclab.write_stderr(_proclab.format_exc(value))
