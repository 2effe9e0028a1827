//! Language tests: each program's stdout, stderr and exit code are what python3 printed
//! for it (pasted here by running python3; `^^^` marker lines removed).

#[path = "vm_host.rs"]
mod vm_host;

/// Pids differ between runs: `pid=123`/`parent=123` become `pid=N`/`parent=N`.
fn norm(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest
        .find("pid=")
        .into_iter()
        .chain(rest.find("parent="))
        .min()
    {
        let key_len = if rest[i..].starts_with("pid=") { 4 } else { 7 };
        out.push_str(&rest[..i + key_len]);
        rest = &rest[i + key_len..];
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        out.push_str(if digits > 0 { "N" } else { "" });
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

fn check(src: &str, stdout: &str, stderr: &str, code: i32) {
    let out = vm_host::run(src);
    assert_eq!(norm(&out.stdout), norm(stdout), "stdout differs");
    assert_eq!(norm(&out.stderr), norm(stderr), "stderr differs");
    assert_eq!(out.code, code, "exit code differs");
}

/// Debug builds use far more Rust stack per nested dispatch loop than release builds (which
/// stay under 512 KB at the recursion limits): the deep-recursion test gets a big stack.
fn check_big_stack(src: &'static str, stdout: &'static str, stderr: &'static str, code: i32) {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || check(src, stdout, stderr, code))
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn basics() {
    check(
        r#"x = 5
y = 2.5
s = "abc"
print(x, y, s, None, True, x + y, x * 2, s * 2, -x, not x)
print(7 // 2, -7 // 2, 7 % -3, 2 ** 10, 2 ** -1, 10 / 4, 1e16, 0.1 + 0.2, 1 / 3)
print(10 ** 20, 2 ** 100 // 3, -(2 ** 63), 2 ** 63 - 1 + 1, (2 ** 64) % 7)
print(abs(-3), round(2.5), round(3.5), round(2.675, 2), divmod(-7, 2), pow(3, 4, 5))
print(int("42"), int("-0x1f", 16), float("1.5"), str(12), bool(""), bool([0]))
print(hex(255), oct(8), bin(5), chr(65), ord("a"))
print(1 < 2 < 3, 1 < 3 < 2, 1 == 1.0, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2))
print(max(3, 1, 2), min([4, 5, 1]), sum([1, 2, 3], 10), max("abc", key=ord))
print(3 if x > 2 else 4, x and y, 0 or "z", None is None, x is not None)
a = b = 3
a += 1
print(a, b)
t = (1, 2, 3)
p, *q = t
print(p, q)
first, (second, third) = 1, (2, 3)
print(first, second, third)
print(f"{x!r} {s!r:>6} {y:08.3f} {x:<4}| {x:^5}| {1234567:,} {0.5:.0%} {x=}")
print("%s-%d-%.2f-%r-%5s|" % ("a", 3, 3.14159, "q", "r"))
print("{0}{1}{0} {name}".format("a", "b", name="n"), "{:>4}".format(7))
"#,
        r#"5 2.5 abc None True 7.5 10 abcabc -5 False
3 -4 -2 1024 0.5 2.5 1e+16 0.30000000000000004 0.3333333333333333
100000000000000000000 422550200076076467165567735125 -9223372036854775808 9223372036854775808 2
3 2 4 2.67 (-4, 1) 1
42 -31 1.5 12 False True
0xff 0o10 0b101 A 97
True False True True True True
3 1 16 c
3 2.5 z True True
4 3
1 [2, 3]
1 2 3
5  'abc' 0002.500 5   |   5  | 1,234,567 50% x=5
a-3-3.14-'q'-    r|
aba n    7
"#,
        r#""#,
        0,
    );
}

#[test]
fn blocking_callbacks() {
    check(
        r#"import time
from multiprocessing import Process

class Slow:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        time.sleep(0.01)
        return f"Slow({self.n})"

def gen(n):
    for i in range(n):
        time.sleep(0.01)
        yield i

def slow_sq(x):
    time.sleep(0.01)
    return x * x

p = Process(target=print, args=("child",))
print(Slow(1), [1, 2])
print(f"{Slow(2)}", str(Slow(3)), repr(Slow(4)))
print(sorted(gen(3), reverse=True), sum(gen(4)), list(map(slow_sq, range(4))), "-".join(str(i) for i in gen(3)))
p.start()
p.join()
print(p.exitcode, p)
"#,
        r#"Slow(1) [1, 2]
Slow(2) Slow(3) Slow(4)
[2, 1, 0] 6 [0, 1, 4, 9] 0-1-2
child
0 <Process name='Process-1' pid=4593 parent=4552 stopped exitcode=0>
"#,
        r#""#,
        0,
    );
}

#[test]
fn blocking_protocols() {
    check(
        r#"import time

class Slow:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        time.sleep(0.01)
        return self.n
    def __iter__(self):
        time.sleep(0.01)
        return SlowIt(self.n)

class SlowIt:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        time.sleep(0.01)
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i

s = Slow(3)
print(len(s), list(s), sorted(s, reverse=True), sum(s), max(s), [x * 2 for x in s])
for v in s:
    print("v", v)
for i in range(2):
    for v in SlowIt(2):
        print(i, v)
it = iter(s)
print(next(it), next(it), next(it), next(it, "done"))
"#,
        r#"3 [1, 2, 3] [3, 2, 1] 6 3 [2, 4, 6]
v 1
v 2
v 3
0 1
0 2
1 1
1 2
1 2 3 done
"#,
        r#""#,
        0,
    );
}

#[test]
fn builtin_subclasses() {
    check(
        r#"from collections import defaultdict, Counter
import json
class Inventory(dict):
    def total(self):
        return sum(self.values())
class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
class Tags(set):
    pass
class Name(str):
    def shout(self):
        return self.upper() + "!"
inv = Inventory(apples=3, pears=2)
inv["kiwis"] = 5
print(inv, inv.total(), len(inv), "kiwis" in inv, isinstance(inv, dict), sorted(inv), json.dumps(inv))
s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), s[0], s[1:], list(reversed(s)), s == [1, 2, 3], type(s).__name__)
t = Tags([1, 2]); t.add(3); print(sorted(t), 2 in t)
n = Name("bob"); print(n, n.shout(), len(n), n + "!", isinstance(n, str))
dd = defaultdict(list); dd["x"].append(1); dd["y"]; print(dd, dict(dd), len(dd), isinstance(dd, dict))
c = Counter("abracadabra"); print(c, c["z"], c.most_common(2), c["a"], json.dumps(c, sort_keys=True))
class Base(list):
    def __init__(self, name):
        super().__init__([1, 2])
        self.name = name
b = Base("nm"); print(b, b.name, vars(b))
"#,
        r#"{'apples': 3, 'pears': 2, 'kiwis': 5} 10 3 True True ['apples', 'kiwis', 'pears'] {"apples": 3, "pears": 2, "kiwis": 5}
[1, 2, 3] 3 3 1 [2, 3] [3, 2, 1] True Stack
[1, 2, 3] True
bob BOB! 3 bob! True
defaultdict(<class 'list'>, {'x': [1], 'y': []}) {'x': [1], 'y': []} 2 True
Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1}) 0 [('a', 5), ('b', 2)] 5 {"a": 5, "b": 2, "c": 1, "d": 1, "r": 2}
[1, 2] nm {'name': 'nm'}
"#,
        r#""#,
        0,
    );
}

#[test]
fn bytes_basic() {
    check(
        r#"b = "héllo".encode("utf-8")
print(b, len(b), b.decode(), b[0], b[1:3], list(b"AB"), b"x" + b"y", b"ab" * 2, b"it's", bytes(3), bytes([65, 66]))
print(b"a" in b"cat", 97 in b"abc", b"abc" == b"abc", b"a" < b"b", {b"k": 1}[b"k"], bytes(range(5)), b"\x00\xff\n".hex(), type(b).__name__)
print(repr(b'"q"'), str(b"z"), isinstance(b"", bytes), b"caf\xc3\xa9".decode("utf-8"), "x".encode())
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff", "little", signed=True), bytes.fromhex("4142"), b"abc".upper(), b"a,b".split(b","), b" x  y ".split())
"#,
        r#"b'h\xc3\xa9llo' 6 héllo 104 b'\xc3\xa9' [65, 66] b'xy' b'abab' b"it's" b'\x00\x00\x00' b'AB'
True True True True 1 b'\x00\x01\x02\x03\x04' 00ff0a bytes
b'"q"' b'z' True café b'x'
256 -1 b'AB' b'ABC' [b'a', b'b'] [b'x', b'y']
"#,
        r#""#,
        0,
    );
}

#[test]
fn classes() {
    check(
        r#"class Animal:
    kind = "animal"
    count = 0
    def __init__(self, name):
        self.name = name
        Animal.count += 1
    def speak(self):
        return f"{self.name} makes a sound"
    def __str__(self):
        return f"Animal({self.name})"
    def __repr__(self):
        return f"<{self.name}>"
class Dog(Animal):
    def speak(self):
        return super().speak() + " (woof)"
    @staticmethod
    def legs():
        return 4
    @classmethod
    def create(cls, n):
        return cls(n)
    @property
    def shout(self):
        return self.name.upper()
d = Dog("rex"); a = Animal("cat")
print(d.speak(), a.speak(), str(d), [d, a], Dog.legs(), Dog.create("x").name, d.shout, Animal.count, d.kind)
print(isinstance(d, Animal), issubclass(Dog, Animal), type(d).__name__, type(d) is Dog, Dog.__mro__ == (Dog, Animal, object))
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __call__(self, k):
        return self.x * k
    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)
v = Vec(1, 2) + Vec(3, 4)
print(v, v == Vec(4, 6), len(v), v[0], list(v), 6 in v, v(10), sorted([Vec(2, 1), Vec(1, 5)]), {Vec(1, 1): "a"}[Vec(1, 1)])
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def c(self):
        return self._c
    @c.setter
    def c(self, v):
        self._c = v * 2
t = Temp(); t.c = 5; print(t.c)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return True
with Ctx() as c:
    print("body")
    raise ValueError("x")
print("after")
class Base:
    def __init__(self):
        self.tag = "base"
class Mixin:
    def hello(self):
        return "mixin " + self.tag
class Both(Mixin, Base):
    pass
print(Both().hello(), [k.__name__ for k in Both.__mro__])
print(hasattr(d, "name"), getattr(d, "nope", 7), vars(Temp()))
class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
        return self
s = Stack().push(1).push(2)
print(s.items, s.__class__.__name__)
"#,
        r#"rex makes a sound (woof) cat makes a sound Animal(rex) [<rex>, <cat>] 4 x REX 3 animal
True True Dog True True
Vec(4, 6) True 2 4 [4, 6] True 40 [Vec(1, 5), Vec(2, 1)] a
10
enter
body
exit ValueError
after
mixin base ['Both', 'Mixin', 'Base', 'object']
True 7 {'_c': 0}
[1, 2] Stack
"#,
        r#""#,
        0,
    );
}

#[test]
fn complex_numbers() {
    check(
        r#"z = 3 + 4j
print(z, z.real, z.imag, z.conjugate(), abs(z), z * z, type(z).__name__, 1j, -2j, 2 - 1j, (1+2j) / (3-4j))
print(7 == 7.0 == 7 + 0j, (1 + 2j) ** 2, complex(1, 2), 2j ** 0.5, z - 3, hash(5 + 0j) == hash(5))
print((255).to_bytes(2, "big"), (0.5).as_integer_ratio(), (-2.75).as_integer_ratio(), pow(7, -1, 11))
print(pow(3, -2, 7), pow(-3, 5, 7), pow(2, 10, -7))
"#,
        r#"(3+4j) 3.0 4.0 (3-4j) 5.0 (-7+24j) complex 1j (-0-2j) (2-1j) (-0.2+0.4j)
True (-3+4j) (1+2j) (1.0000000000000002+1j) 4j True
b'\x00\xff' (1, 2) (-11, 4) 8
4 2 -5
"#,
        r#""#,
        0,
    );
}

#[test]
fn containers() {
    check(
        r#"l = [3, 1, 2]
l.append(5); l.extend([7, 8]); l.insert(0, 9); l.remove(1)
print(l, l.pop(), l.pop(0), l, l.index(2), l.count(3))
l.sort(); print(l); l.reverse(); print(l)
l[1:3] = [10, 11, 12]; print(l); del l[0]; print(l, l[-1], l[::2])
d = {"a": 1, "b": 2}
d["c"] = 3
print(d, d.get("z"), d.get("a"), list(d.keys()), list(d.values()), list(d.items()), len(d))
print(d.pop("a"), d, d.setdefault("q", 0), "b" in d, {**d, "e": 5})
for k, v in d.items():
    print(k, v, end="; ")
print()
s = {3, 1, 2}
s.add(4); s.discard(1)
print(s, s | {9}, s & {2, 3}, s - {2}, len(s), 2 in s, set(), frozenset([1]))
t = tuple([1, 2]) + (3,)
print(t, t * 2, t[1], len(t), t.index(3))
print(list(range(0, 10, 3)), list(range(5, 0, -2)), list(reversed([1, 2, 3])), range(3))
print(list(enumerate("ab", 1)), list(zip([1, 2], "xy")), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(any([0, 0]), all([1, 2]), sorted({3: 1, 1: 2}), dict(zip("ab", [1, 2])), dict(a=1))
m = [[0] * 3 for _ in range(2)]
m[0][1] = 5
print(m, [x for row in m for x in row], {x % 3 for x in range(10)}, sum(x * x for x in range(4)))
nested = {"k": [1, {"z": (1, 2)}]}
print(nested, str(nested), repr([1, "a", None, 2.0]))
a = [1, 2]; b = a; b.append(3); print(a, a is b, a == [1, 2, 3], [1, 2] + [3])
print(list(d), [*range(3), *"ab"], (*[1], 2))
"#,
        r#"[3, 2, 5, 7] 8 9 [3, 2, 5, 7] 1 1
[2, 3, 5, 7]
[7, 5, 3, 2]
[7, 10, 11, 12, 2]
[10, 11, 12, 2] 2 [10, 12]
{'a': 1, 'b': 2, 'c': 3} None 1 ['a', 'b', 'c'] [1, 2, 3] [('a', 1), ('b', 2), ('c', 3)] 3
1 {'b': 2, 'c': 3, 'q': 0} 0 True {'b': 2, 'c': 3, 'q': 0, 'e': 5}
b 2; c 3; q 0; 
{2, 3, 4} {9, 2, 3, 4} {2, 3} {3, 4} 3 True set() frozenset({1})
(1, 2, 3) (1, 2, 3, 1, 2, 3) 2 3 2
[0, 3, 6, 9] [5, 3, 1] [3, 2, 1] range(0, 3)
[(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')] ['1', '2'] [1, 2]
False True [1, 3] {'a': 1, 'b': 2} {'a': 1}
[[0, 5, 0], [0, 0, 0]] [0, 5, 0, 0, 0, 0] {0, 1, 2} 14
{'k': [1, {'z': (1, 2)}]} {'k': [1, {'z': (1, 2)}]} [1, 'a', None, 2.0]
[1, 2, 3] True True [1, 2, 3]
['b', 'c', 'q'] [0, 1, 2, 'a', 'b'] (1, 2)
"#,
        r#""#,
        0,
    );
}

#[test]
fn datetime_ops() {
    check(
        r#"from datetime import datetime, date, timedelta
import time
a = datetime.now()
time.sleep(0.1)
b = datetime.now()
print((b - a).total_seconds() >= 0.1, a.year >= 2023, type(date.today()).__name__)
print(datetime(2024, 1, 31) + timedelta(days=1), timedelta(seconds=-1), timedelta(days=2, hours=3) * 2)
d = date(2024, 2, 28)
print(d + timedelta(days=1), d.weekday(), d.strftime("%d/%m/%Y %A"), repr(timedelta(hours=25, minutes=3)))
print(datetime.strptime("2021-07-04 12:00", "%Y-%m-%d %H:%M"), datetime.fromisoformat("2020-05-17T08:09:10"))
print(repr(datetime(2024, 1, 1)), (date(2025, 1, 1) - date(2024, 1, 1)).days, max(date(2020, 1, 1), date(2019, 12, 31)))
"#,
        r#"True True date
2024-02-01 00:00:00 -1 day, 23:59:59 4 days, 6:00:00
2024-02-29 2 28/02/2024 Wednesday datetime.timedelta(days=1, seconds=3780)
2021-07-04 12:00:00 2020-05-17 08:09:10
datetime.datetime(2024, 1, 1, 0, 0) 366 2020-01-01
"#,
        r#""#,
        0,
    );
}

#[test]
fn dict_views() {
    check(
        r#"d = {"a": 1, "b": 2}
d["c"] = 3
print(list(d.keys()), sorted(d.items(), reverse=True), sum(d.values()), dict(d.items()) == d, len(d.keys()), "a" in d.keys())
for key, val in d.items():
    print(key, val, end="; ")
print()
print(list(reversed(list(d.values()))), [x for x in d.keys() if x != "b"], tuple(d.items())[0])
try:
    for key in d:
        d[key + "x"] = 0
except RuntimeError as e:
    print(e)
print(max(d.values()), min(d, key=d.get))
"#,
        r#"['a', 'b', 'c'] [('c', 3), ('b', 2), ('a', 1)] 6 True 3 True
a 1; b 2; c 3; 
[3, 2, 1] ['a', 'c'] ('a', 1)
dictionary changed size during iteration
3 ax
"#,
        r#""#,
        0,
    );
}

#[test]
fn dunder_new() {
    check(
        r#"class Singleton:
    _instance = None
    def __new__(cls):
        if cls._instance is None:
            print("creating")
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self):
        print("init")
a = Singleton(); b = Singleton()
print(a is b)
class Pt:
    def __new__(cls, x, y):
        obj = object.__new__(cls)
        obj.sum = x + y
        return obj
    def __init__(self, x, y):
        self.x = x
p = Pt(2, 3); print(p.sum, p.x)
class Weird:
    def __new__(cls):
        return 42
print(Weird())
"#,
        r#"creating
init
init
True
5 2
42
"#,
        r#""#,
        0,
    );
}

#[test]
fn exceptions() {
    check(
        r#"class MyError(Exception):
    pass
class CodeError(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise MyError("boom", 2)
except MyError as e:
    print("caught", e, e.args, repr(e), type(e).__name__)
try:
    raise CodeError(7)
except (ValueError, CodeError) as e:
    print(e, e.code)
try:
    {}["k"]
except KeyError as e:
    print("KeyError", e, repr(e))
try:
    [][1]
except IndexError as e:
    print(e)
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    None.foo
except AttributeError as e:
    print(e)
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("wrapped")
except ValueError as e:
    print(e, type(e.__context__).__name__)
try:
    raise RuntimeError("a") from KeyError("b")
except RuntimeError as e:
    print(e, repr(e.__cause__))
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("assert", e)
else:
    print("no")
try:
    pass
except Exception:
    pass
else:
    print("else ran")
def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("recursion:", e)
try:
    raise StopIteration
except Exception as e:
    print(type(e).__name__, str(e) == "")
print(ZeroDivisionError.__mro__[1].__name__, issubclass(KeyError, LookupError))
"#,
        r#"caught ('boom', 2) ('boom', 2) MyError('boom', 2) MyError
code 7 7
KeyError 'k' KeyError('k')
list index out of range
invalid literal for int() with base 10: 'abc'
name 'undefined_name' is not defined
can only concatenate str (not "int") to str
'NoneType' object has no attribute 'foo'
finally runs
try
body 0
fin 0
fin 1
body 2
fin 2
wrapped ZeroDivisionError
a KeyError('b')
assert math
else ran
recursion: maximum recursion depth exceeded
StopIteration True
ArithmeticError True
"#,
        r#""#,
        0,
    );
}

#[test]
fn extras() {
    check(
        r#"from dataclasses import dataclass, field
from contextlib import contextmanager, suppress
from abc import ABC, abstractmethod
import json, functools

@dataclass(order=True)
class Item:
    price: float
    name: str = "thing"
    tags: list = field(default_factory=list)

a, b = Item(2.5, "pen"), Item(1.0)
print(a, b < a, a == Item(2.5, "pen"), sorted([a, b])[0].name)

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("b") as t:
    print("inside", t)
with suppress(KeyError):
    {}["x"]
print("suppressed")

class Shape(ABC):
    @abstractmethod
    def area(self): ...

class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

print(Sq(3).area())
try:
    Shape()
except TypeError as e:
    print(e)
try:
    json.loads("{bad}")
except json.JSONDecodeError as e:
    print(type(e).__name__, e)
print(json.dumps({"k": "é"}, ensure_ascii=False))

def inner():
    yield 1
    return "done"
def outer():
    r = yield from inner()
    yield r
print(list(outer()))
print(eval("1 + 2 * 3"), eval("len('abc')"))
exec("z = 40 + 2")
print(z)

@functools.total_ordering
class V:
    def __init__(self, n):
        self.n = n
    def __eq__(self, o):
        return self.n == o.n
    def __lt__(self, o):
        return self.n < o.n
print(V(2) >= V(1), V(1) > V(2))
d = {1: 2}
try:
    for k in d:
        d[k + 1] = 0
except RuntimeError as e:
    print(e)
print(type(map(str, [])).__name__, type(zip()).__name__)
try:
    OSError(2, "No such file")
    raise OSError(2, "No such file", "x.txt")
except FileNotFoundError as e:
    print(e, e.errno, e.strerror)
counter = 1
def f():
    return countr
try:
    f()
except NameError as e:
    print(e)
print(sorted(x * x for x in range(5)), sum(map(lambda v: v + 1, range(3))))
"#,
        r#"Item(price=2.5, name='pen', tags=[]) True True thing
<b>
inside B
</b>
suppressed
9
Can't instantiate abstract class Shape with abstract method area
JSONDecodeError Expecting property name enclosed in double quotes: line 1 column 2 (char 1)
{"k": "é"}
[1, 'done']
7 3
42
True False
dictionary changed size during iteration
map zip
[Errno 2] No such file: 'x.txt' 2 No such file
name 'countr' is not defined
[0, 1, 4, 9, 16] 6
"#,
        r#""#,
        0,
    );
}

#[test]
fn files() {
    check(
        r#"with open("out.txt", "w") as f:
    f.write("line1\n")
    f.write("line2\n")
with open("out.txt", "a") as f:
    print("line3", file=f)
with open("out.txt") as f:
    print(repr(f.read()))
with open("out.txt") as f:
    for line in f:
        print(line.strip())
f = open("out.txt")
print(f.readline(), f.readlines())
f.close()
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(e)
import json
with open("data.json", "w") as f:
    json.dump({"k": [1, 2]}, f)
with open("data.json") as f:
    print(json.load(f))
"#,
        r#"'line1\nline2\nline3\n'
line1
line2
line3
line1
 ['line2\n', 'line3\n']
[Errno 2] No such file or directory: 'missing.txt'
{'k': [1, 2]}
"#,
        r#""#,
        0,
    );
}

#[test]
fn fork_raw() {
    check(
        r#"import os
pid = os.fork()
if pid == 0:
    print("child")
    os._exit(3)
else:
    _, status = os.waitpid(pid, 0)
    print("parent saw", os.WEXITSTATUS(status))
"#,
        r#"child
parent saw 3
"#,
        r#""#,
        0,
    );
}

#[test]
fn functions() {
    check(
        r#"def f(a, b=2, *args, c=3, **kw):
    return (a, b, args, c, kw)
print(f(1), f(1, 5, 6, 7, c=8, z=9), f(*[1, 2], **{"c": 4}))
def g(x, /, y, *, z):
    return x + y + z
print(g(1, y=2, z=3))
square = lambda v: v * v
print(square(4), list(map(lambda p: p + 1, [1, 2])), sorted([(1, "b"), (0, "z")], key=lambda t: t[1]))
def counter():
    count = 0
    def inc(n=1):
        nonlocal count
        count += n
        return count
    return inc
c = counter(); c(); c(5)
print(c())
total = 0
def add(n):
    global total
    total += n
add(4); add(6)
print(total)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(30))
def gen():
    yield 1
    yield from [2, 3]
    x = yield 4
    yield x
g2 = gen()
print(next(g2), next(g2), next(g2), next(g2), g2.send("sent"))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
out = []
for v in fib():
    if v > 50:
        break
    out.append(v)
print(out)
def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    return wrapper
@deco
def hello(name):
    return "hi " + name
print(hello("bob"))
print((lambda: [i for i in range(3)])(), [lambda: i for i in range(2)][0]())
def kwonly(*, a, b=2):
    return a * b
print(kwonly(a=3))
"#,
        r#"(1, 2, (), 3, {}) (1, 5, (6, 7), 8, {'z': 9}) (1, 2, (), 4, {})
6
16 [2, 3] [(1, 'b'), (0, 'z')]
7
10
2432902008176640000 265252859812191058636308480000000
1 2 3 4 sent
[0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
calling hello
hi bob
[0, 1, 2] 1
6
"#,
        r#""#,
        0,
    );
}

#[test]
fn modules() {
    check(
        r#"import math, json, random, os, sys, time
from math import sqrt
print(math.sqrt(16), sqrt(2), math.floor(2.7), math.ceil(2.1), math.pi, math.gcd(12, 18), math.factorial(5), math.isqrt(17))
print(json.dumps({"a": [1, 2.5, None, True], "b": "x"}), json.dumps([1, 2], indent=2), json.loads('{"k": [1, "v", null, false]}'))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True), json.dumps("é"), json.dumps({"x": 1}, separators=(",", ":")))
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice(["a", "b", "c"]), random.randrange(10))
xs = list(range(10)); random.shuffle(xs); print(xs, random.sample(range(100), 3), round(random.uniform(1, 2), 6))
print(os.getcwd() != "", sys.version_info[0], sys.argv[0] != "", type(time.time()).__name__)
from collections import Counter, deque, defaultdict, namedtuple
print(Counter("abracadabra").most_common(2), deque([1, 2], maxlen=3))
dd = defaultdict(list); dd["x"].append(1); print(dd["x"], len(dd))
Point = namedtuple("Point", "x y"); p = Point(1, y=2); print(p, p.x + p.y, p._asdict())
from functools import reduce, partial
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), partial(pow, 2)(8))
import itertools
print(list(itertools.permutations([1, 2, 3], 2))[:3], list(itertools.combinations("abc", 2)), list(itertools.islice(itertools.count(5), 3)))
print(list(itertools.product("ab", repeat=2)), list(itertools.chain([1], [2, 3])))
"#,
        r#"4.0 1.4142135623730951 2 3 3.141592653589793 6 120 4
{"a": [1, 2.5, null, true], "b": "x"} [
  1,
  2
] {'k': [1, 'v', None, False]}
{"a": 2, "b": 1} "\u00e9" {"x":1}
0.6394267984578837 4 c 4
[8, 1, 7, 6, 4, 0, 5, 2, 9, 3] [4, 3, 11] 1.218638
True 3 True float
[('a', 5), ('b', 2)] deque([1, 2], maxlen=3)
[1] 1
Point(x=1, y=2) 3 {'x': 1, 'y': 2}
24 256
[(1, 2), (1, 3), (2, 1)] [('a', 'b'), ('a', 'c'), ('b', 'c')] [5, 6, 7]
[('a', 'a'), ('a', 'b'), ('b', 'a'), ('b', 'b')] [1, 2, 3]
"#,
        r#""#,
        0,
    );
}

#[test]
fn mp_basic() {
    check(
        r#"from multiprocessing import Process, current_process, active_children
import multiprocessing as mp
import os

counter = 100

def work(n):
    global counter
    counter += n
    print(f"{current_process().name}: counter={counter}")

def nested():
    p = Process(target=work, args=(5,))
    p.start()
    p.join()
    print(current_process().name, "child name", p.name)

if __name__ == "__main__":
    procs = []
    for i in range(3):
        p = Process(target=work, args=(i,))
        procs.append(p)
        p.start()
        p.join()
    print("parent counter", counter, len(active_children()))
    p = Process(target=nested)
    p.start()
    p.join()
    print(p.exitcode, p.is_alive(), repr(p).split(" pid=")[0], "stopped exitcode=0" in repr(p))
    class MyProc(Process):
        def __init__(self, x):
            super().__init__()
            self.x = x
        def run(self):
            print("MyProc run", self.x, self.name)
    m = MyProc(42)
    m.start(); m.join()
    def exiter():
        import sys
        sys.exit(4)
    q = Process(target=exiter)
    q.start(); q.join()
    print("exit code", q.exitcode)
    try:
        Process(target=work).join()
    except AssertionError as err:
        print(err)
    r = Process(target=work, args=(1,), name="Reporter")
    r.start()
    print(r)
    print(f"{r}", str(r) == repr(r))
    r.join()
    print(r)
    print(mp.current_process(), mp.parent_process())
"#,
        r#"Process-1: counter=100
Process-2: counter=101
Process-3: counter=102
parent counter 100 0
Process-4:1: counter=105
Process-4 child name Process-4:1
0 False <Process name='Process-4' True
MyProc run 42 MyProc-5
exit code 4
can only join a started process
<Process name='Reporter' pid=19218 parent=19150 started>
<Process name='Reporter' pid=19218 parent=19150 started> True
Reporter: counter=101
<Process name='Reporter' pid=19218 parent=19150 stopped exitcode=0>
<_MainProcess name='MainProcess' parent=None started> None
"#,
        r#""#,
        0,
    );
}

#[test]
fn mp_print_containers() {
    check(
        r#"from multiprocessing import Process, active_children
import time
def f():
    time.sleep(0.2)
if __name__ == "__main__":
    ps = [Process(target=f) for _ in range(2)]
    for p in ps:
        p.start()
    print(sorted(active_children(), key=lambda p: p.name))
    print(ps)
    print(f"{ps}")
    for p in ps:
        p.join()
    print(ps)
"#,
        r#"[<Process name='Process-1' pid=6797 parent=6756 started>, <Process name='Process-2' pid=6798 parent=6756 started>]
[<Process name='Process-1' pid=6797 parent=6756 started>, <Process name='Process-2' pid=6798 parent=6756 started>]
[<Process name='Process-1' pid=6797 parent=6756 started>, <Process name='Process-2' pid=6798 parent=6756 started>]
[<Process name='Process-1' pid=6797 parent=6756 stopped exitcode=0>, <Process name='Process-2' pid=6798 parent=6756 stopped exitcode=0>]
"#,
        r#""#,
        0,
    );
}

#[test]
fn nested_recursion() {
    check_big_stack(
        r#"def f(n):
    if n == 0:
        return 0
    return sorted([n], key=lambda x: f(n - 1))[0]
try:
    print(f(900))
except RecursionError as e:
    print("RecursionError", e)
l = []
for i in range(3000):
    l = [l]
try:
    print(len(repr(l)))
except RecursionError as e:
    print("RecursionError", e)
def deep(n):
    return deep(n + 1) if n < 5000 else n
try:
    deep(0)
except RecursionError as e:
    print("RecursionError", e)
"#,
        r#"RecursionError maximum recursion depth exceeded
RecursionError maximum recursion depth exceeded while getting the repr of an object
RecursionError maximum recursion depth exceeded
"#,
        r#""#,
        0,
    );
}

#[test]
fn random_instances() {
    check(
        r#"# checks: random.Random instances are independent; choices with weights; gauss with seed
import random
r1, r2 = random.Random(7), random.Random(7)
print([r1.randint(0, 9) for _ in range(8)])
print([r2.randint(0, 9) for _ in range(8)])
r = random.Random("seed-string")
print(r.choices("xyz", weights=[5, 1, 1], k=6), round(r.gauss(0, 1), 6))
random.seed(0)
print(random.getrandbits(16), round(random.random(), 12))
"#,
        r#"[5, 2, 6, 0, 1, 8, 1, 5]
[5, 2, 6, 0, 1, 8, 1, 5]
['x', 'x', 'z', 'y', 'x', 'x'] -0.318585
55340 0.385245306477
"#,
        r#""#,
        0,
    );
}

#[test]
fn set_order() {
    check(
        r#"a = {1,2,3,4}; a.remove(1); a.add(9); print(a)
b = {1,2,3,4}; b.add(9); b.remove(1); print(b)
c = set(range(20)); [c.discard(x) for x in range(0,20,3)]; c.add(100); c.add(33); print(c)
d = {5, 13, 21}; print(d); d.remove(13); d.add(29); print(d)
print({-1, -2, 7, 8}, {x*8 for x in range(6)})
x = {1, 2, 3, 4}; y = {3, 4, 5}
print(x | y, x & y, x - y, x ^ y, y | x, {100, 1} | {9, 17})
s = set()
for i in range(50):
    s.add(i * 7 % 64)
print(s)
s2 = set(range(40)); s2 -= {3, 5, 7}; print(s2, s2.pop(), len(s2))
"#,
        r#"{9, 2, 3, 4}
{2, 3, 4, 9}
{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 33, 100}
{21, 5, 13}
{21, 5, 29}
{8, -2, -1, 7} {0, 32, 8, 40, 16, 24}
{1, 2, 3, 4, 5} {3, 4} {1, 2} {1, 2, 5} {1, 2, 3, 4, 5} {1, 100, 9, 17}
{0, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 31, 32, 33, 34, 35, 38, 39, 40, 41, 42, 45, 46, 47, 48, 49, 52, 53, 54, 55, 56, 59, 60, 61, 62, 63}
{1, 2, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39} 0 36
"#,
        r#""#,
        0,
    );
}

#[test]
fn strings() {
    check(
        r#"s = "Hello, World"
print(s.upper(), s.lower(), s.split(", "), s.replace("l", "L", 2), s.find("o"), s.rfind("o"))
print(s.startswith("He"), s.endswith("x"), s.count("l"), s.index("W"), len(s), s[1:5], s[::-1], s[-3:])
print("  pad  ".strip() + "|", "xxhixx".strip("x"), "a,b,,c".split(","), " a  b ".split(), "-".join(["1", "2"]))
print("abc".center(9, "*"), "7".zfill(3), "ab".ljust(4) + "|", "ab".rjust(4), "hello world".title(), "hELLO".capitalize())
print("a\nb\r\nc".splitlines(), "k=v=w".partition("="), "k=v=w".rpartition("="), "12".isdigit(), "ab1".isalnum(), "AB".isupper())
print(repr("it's"), repr('say "hi"'), repr("tab\there"), str(3.0), repr(1e-5), 1e22, 123456789.0, 2.5e-7)
print("x" in "xyz", "q" not in "xyz", ord("é"), "é".upper(), "ß".lower(), list("héllo"))
words = ["banana", "Apple", "cherry"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print("%5.1f|%-5d|%05d|%x|%c|%%" % (3.14159, 42, 42, 255, 65))
print("{:>10.3f}|{:<8}|{:^8}|{:+d}|{:b}|{:x}|{:e}".format(3.14159, "ab", "cd", 5, 5, 255, 12345.678))
"#,
        r#"HELLO, WORLD hello, world ['Hello', 'World'] HeLLo, World 4 8
True False 3 7 12 ello dlroW ,olleH rld
pad| hi ['a', 'b', '', 'c'] ['a', 'b'] 1-2
***abc*** 007 ab  |   ab Hello World Hello
['a', 'b', 'c'] ('k', '=', 'v=w') ('k=v', '=', 'w') True True True
"it's" 'say "hi"' 'tab\there' 3.0 1e-05 1e+22 123456789.0 2.5e-07
True True 233 É ß ['h', 'é', 'l', 'l', 'o']
['Apple', 'banana', 'cherry'] ['Apple', 'banana', 'cherry'] ['banana', 'cherry', 'Apple']
  3.1|42   |00042|ff|A|%
     3.142|ab      |   cd   |+5|101|ff|1.234568e+04
"#,
        r#""#,
        0,
    );
}

#[test]
fn syntax_err() {
    check(
        r#"x = 1
print "hello"
"#,
        r#""#,
        r#"  File "prog.py", line 2
    print "hello"
    ^^^^^^^^^^^^^
SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
"#,
        1,
    );
}

#[test]
fn sysexit() {
    check(
        r#"import sys
print("before")
sys.exit(3)
"#,
        r#"before
"#,
        r#""#,
        3,
    );
}

#[test]
fn tb_custom() {
    check(
        r#"class AppError(Exception):
    pass
raise AppError("it failed")
"#,
        r#""#,
        r#"Traceback (most recent call last):
  File "prog.py", line 3, in <module>
    raise AppError("it failed")
AppError: it failed
"#,
        1,
    );
}

#[test]
fn tb_name() {
    check(
        r#"print("start")
def f():
    return undefined_variable + 1
f()
"#,
        r#"start
"#,
        r#"Traceback (most recent call last):
  File "prog.py", line 4, in <module>
    f()
  File "prog.py", line 3, in f
    return undefined_variable + 1
NameError: name 'undefined_variable' is not defined
"#,
        1,
    );
}

#[test]
fn tb_nested() {
    check(
        r#"def parse(s):
    return int(s)
def load():
    try:
        parse("x")
    except ValueError:
        raise RuntimeError("could not load")
load()
"#,
        r#""#,
        r#"Traceback (most recent call last):
  File "prog.py", line 5, in load
    parse("x")
  File "prog.py", line 2, in parse
    return int(s)
ValueError: invalid literal for int() with base 10: 'x'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "prog.py", line 8, in <module>
    load()
  File "prog.py", line 7, in load
    raise RuntimeError("could not load")
RuntimeError: could not load
"#,
        1,
    );
}

#[test]
fn tb_suggest() {
    check(
        r#"counter = 0
def bump():
    return countr + 1
bump()
"#,
        r#""#,
        r#"Traceback (most recent call last):
  File "prog.py", line 4, in <module>
    bump()
  File "prog.py", line 3, in bump
    return countr + 1
NameError: name 'countr' is not defined. Did you mean: 'counter'?
"#,
        1,
    );
}

#[test]
fn tb_type() {
    check(
        r#"def f(a, b):
    return a + b
f(1)
"#,
        r#""#,
        r#"Traceback (most recent call last):
  File "prog.py", line 3, in <module>
    f(1)
TypeError: f() missing 1 required positional argument: 'b'
"#,
        1,
    );
}

#[test]
fn time_struct() {
    check(
        r#"# checks: time.strftime/localtime/ctime output shapes (masked), gmtime of a fixed epoch is exact
# mode: normalized
import time
print(time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(0)))
print(time.strftime("%Y-%m-%d", time.gmtime(86400 * 365)))
t = time.gmtime(1_000_000_000)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_wday, t.tm_yday)
print("int time", int(time.time()) > 1_600_000_000)
"#,
        r#"1970-01-01 00:00:00
1971-01-01
2001 9 9 1 6 252
int time True
"#,
        r#""#,
        0,
    );
}

#[test]
fn unbound_methods() {
    check(
        r#"for expr in ["str.upper()", "str.upper(5)", "list.append([], 1)", "list.append(3, 1)", "dict.get({}, 1)", "int.bit_length(True)", "str.join(',', ['a'])"]:
    try:
        print(expr, "->", eval(expr))
    except TypeError as e:
        print(expr, "->", e)
print(dict.fromkeys("ab", 0), next(iter(map(str, [1]))), map(str, [2]).__next__())
"#,
        r#"str.upper() -> unbound method str.upper() needs an argument
str.upper(5) -> descriptor 'upper' for 'str' objects doesn't apply to a 'int' object
list.append([], 1) -> None
list.append(3, 1) -> descriptor 'append' for 'list' objects doesn't apply to a 'int' object
dict.get({}, 1) -> None
int.bit_length(True) -> 1
str.join(',', ['a']) -> a
{'a': 0, 'b': 0} 1 2
"#,
        r#""#,
        0,
    );
}

/// `match`: literal, capture, wildcard, value, sequence (with star), mapping (with **rest),
/// class (positional via __match_args__, keyword, builtin self-match), `|`, `as`, guards;
/// `match`/`case` stay usable as names.
#[test]
fn match_statements() {
    check(
        r#"from dataclasses import dataclass
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def f(p):
    match p:
        case Point(0, 0): return "origin"
        case Point(x, 0) as pt: return f"xaxis {x} {pt.x}"
        case Point(x=0, y=yy): return f"yaxis {yy}"
        case (1, 2) | [3, 4]: return "pair"
        case [1, *rest, 9]: return f"rest {rest}"
        case {"a": 1, **kw}: return f"kw {kw}"
        case "s" | b"x": return "lit"
        case None: return "none"
        case -1.5 | 1+2j: return "num"
        case str() | bytes(): return "strlike"
        case _: return "other"
for v in [Point(0,0), Point(3,0), Point(0,5), Point(1,1), (1,2), [3,4], [1,9], [1,2,3,9], {"a":1,"b":2}, "s", None, -1.5, 1+2j, "q", 7]:
    print(f(v))
match = 3
print(match)
match (1, 2):
    case a, b: print(a, b)
case = 5; print(case)
"#,
        r#"origin
xaxis 3 3
yaxis 5
other
pair
pair
rest []
rest [2, 3]
kw {'b': 2}
lit
none
num
num
strlike
other
3
1 2
5
"#,
        "",
        0,
    );
}

/// bytes/bytearray: encode/decode, repr, indexing, slicing, iteration, methods, mutation,
/// codec errors.
#[test]
fn bytes_and_bytearray() {
    check(
        r#"b = "héllo".encode()
print(b, b[0], b[1:3], list(b"AB"), len(b), b + b"!", b"h" in b, 104 in b, b * 2, b[-1])
for x in b"hi": print(x)
print(bytes(3), bytes([72, 105]), bytes("é", "utf-8"), b.decode(), b"abc" == b"abc", b"a" < b"b", hash(b"a") == hash(b"a"))
print("é".encode("latin-1"), "abc".encode("ascii"), b"\xe9".decode("latin-1"), b"\xff".hex(), bytes.fromhex("4142"))
print(b"a,b".split(b","), b"abc".upper(), b"  x ".strip(), b"-".join([b"a", b"b"]), b"abc".startswith(b"a"), b"abc".find(b"c"), b"abc".replace(b"b", b"X"))
ba = bytearray(b"xy")
ba.append(65); ba.extend(b"BC"); ba[0] = 122
print(ba, len(ba), ba[0], ba[1:], bytes(ba), list(ba), bytearray(3), bytearray([1,2]))
print(repr(b"'\""), b"\n\t\\", type(b).__name__, type(ba).__name__, isinstance(b, bytes))
print({b"k": 1}, str(b"x"), b.count(b"l"), b"abc".index(b"b"), b"x".isdigit(), b"12".isdigit())
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UEE", e)
try:
    b"\xff".decode()
except UnicodeDecodeError as e:
    print("UDE", e)
"#,
        r#"b'h\xc3\xa9llo' 104 b'\xc3\xa9' [65, 66] 6 b'h\xc3\xa9llo!' True True b'h\xc3\xa9lloh\xc3\xa9llo' 111
104
105
b'\x00\x00\x00' b'Hi' b'\xc3\xa9' héllo True True True
b'\xe9' b'abc' é ff b'AB'
[b'a', b'b'] b'ABC' b'x' b'a-b' True 2 b'aXc'
bytearray(b'zyABC') 5 122 bytearray(b'yABC') b'zyABC' [122, 121, 65, 66, 67] bytearray(b'\x00\x00\x00') bytearray(b'\x01\x02')
b'\'"' b'\n\t\\' bytes bytearray True
{b'k': 1} b'x' 2 1 False True
UEE 'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)
UDE 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
"#,
        "",
        0,
    );
}

/// The csv module's writer/reader/DictWriter quoting, and dict views printing as CPython.
#[test]
fn csv_module_and_dict_views() {
    check(
        r#"import csv
with open("t.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["a,b", 'q"x', 1, 2.5, None, ""])
    w.writerow([""])
    dw = csv.DictWriter(f, fieldnames=["x", "y"])
    dw.writeheader(); dw.writerow({"x": 1})
with open("t.csv", newline="") as f:
    print(repr(f.read()))
with open("t.csv", newline="") as f:
    for r in csv.reader(f): print(r)
d = {"a": 1, "b": 2}
print(d.keys(), d.values(), d.items(), list(d.items()), "a" in d.keys())
"#,
        r#"'"a,b","q""x",1,2.5,,\r\n""\r\nx,y\r\n1,\r\n'
['a,b', 'q"x', '1', '2.5', '', '']
['']
['x', 'y']
['1', '']
dict_keys(['a', 'b']) dict_values([1, 2]) dict_items([('a', 1), ('b', 2)]) [('a', 1), ('b', 2)] True
"#,
        "",
        0,
    );
}
