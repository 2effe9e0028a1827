# checks: __cause__, __context__ and __suppress_context__ set by assignment; repr() of an exception whose class defines __str__
class Problem(Exception):
    def __str__(self):
        return 'problem: ' + ', '.join(map(str, self.args))


p = Problem(1, 2)
print(repr(p), str(p), [p], f'{p!r} {p}')
e = KeyError('k')
print(e.__cause__, e.__suppress_context__)
e.__cause__ = ValueError('root')
print(repr(e.__cause__), e.__suppress_context__)
e.__context__ = TypeError('ctx')
print(repr(e.__context__))
try:
    e.__cause__ = 'text'
except TypeError as err:
    print(err)
e.__suppress_context__ = False
print(e.__suppress_context__)
raise e
