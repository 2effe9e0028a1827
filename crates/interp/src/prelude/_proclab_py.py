# Python-level helpers of the VM: code that must run as frames (so that a blocking call inside,
# e.g. a Process.__repr__ that polls its child, can suspend the interpreter).


def _print(*args, sep=' ', end='\n', file=None, flush=False):
    print(*[a if type(a) is str else str(a) for a in args], sep=sep, end=end, file=file, flush=flush)


def _wait():
    """os.wait(): the first forked child found ended (polling; the ABI has no wait-any)."""
    import _proclab
    import time
    while True:
        kids = _proclab.fork_children()
        if not kids:
            raise ChildProcessError(10, 'No child processes')
        for pid in kids:
            code = _proclab.poll(pid)
            if code is not None:
                _proclab.forget_child(pid)
                status = (-code) & 0x7f if code < 0 else (code & 0xff) << 8
                return pid, status
        time.sleep(0.005)


def _call_with_list(f, i, *args, **kw):
    """f(*args) with args[i] (a generator) first run to its end here, as frames: a blocking
    call inside the generator (q.get()) can then suspend the process."""
    args = list(args)
    args[i] = [x for x in args[i]]
    return f(*args, **kw)
