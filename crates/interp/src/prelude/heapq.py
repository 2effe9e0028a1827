# heapq for proclab: a binary min-heap kept in a list (heap[k] <= heap[2*k+1], heap[2*k+2]).


def _check(heap, fn):
    if not isinstance(heap, list):
        raise TypeError('%s() argument 1 must be list, not %s' % (fn, type(heap).__name__))


def _up(heap, start, pos):
    # Move heap[pos] towards the root (index start) while it is smaller than its parent.
    item = heap[pos]
    while pos > start:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _down(heap, pos):
    # Lift the smaller child into the hole at pos down to a leaf, then sift the item back up.
    end = len(heap)
    start = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _up(heap, start, pos)


def heappush(heap, item):
    _check(heap, 'heappush')
    heap.append(item)
    _up(heap, 0, len(heap) - 1)


def heappop(heap):
    _check(heap, 'heappop')
    if not heap:
        raise IndexError('index out of range')
    last = heap.pop()
    if not heap:
        return last
    top = heap[0]
    heap[0] = last
    _down(heap, 0)
    return top


def heapreplace(heap, item):
    _check(heap, 'heapreplace')
    if not heap:
        raise IndexError('index out of range')
    top = heap[0]
    heap[0] = item
    _down(heap, 0)
    return top


def heappushpop(heap, item):
    _check(heap, 'heappushpop')
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _down(heap, 0)
    return item


def heapify(x):
    _check(x, 'heapify')
    for i in reversed(range(len(x) // 2)):
        _down(x, i)


def nsmallest(n, iterable, key=None):
    return sorted(iterable, key=key)[:max(n, 0)]


def nlargest(n, iterable, key=None):
    return sorted(iterable, key=key, reverse=True)[:max(n, 0)]


def merge(*iterables, key=None, reverse=False):
    heads = []
    for it in map(iter, iterables):
        for v in it:
            heads.append([v if key is None else key(v), v, it])
            break
    while heads:
        best = 0
        for i in range(1, len(heads)):
            k = heads[i][0]
            if (heads[best][0] < k) if reverse else (k < heads[best][0]):
                best = i
        head = heads[best]
        yield head[1]
        for v in head[2]:
            head[0] = v if key is None else key(v)
            head[1] = v
            break
        else:
            del heads[best]
