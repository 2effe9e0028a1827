# checks: `import a.b` binds a with b as its attribute; __import__ returns the package or the submodule
import multiprocessing.pool
import concurrent.futures

print(multiprocessing.pool.ThreadPool.__name__)
print(concurrent.futures.ThreadPoolExecutor.__name__, concurrent.futures.TimeoutError is TimeoutError)
m = __import__('multiprocessing.pool')
print(m.__name__, __import__('multiprocessing.pool', fromlist=['Pool']).__name__)
print(__import__('os').sep, __import__('math').floor(2.5))
try:
    __import__('no_such_module')
except ModuleNotFoundError as e:
    print(e)
from concurrent.futures import ProcessPoolExecutor, Future, CancelledError
f = Future()
print(f.done(), f.running(), f.cancel(), f.cancelled())
g = Future()
g.set_result(5)
print(g.result(), g.exception(), repr(g).endswith('returned int>'))
try:
    f.result()
except CancelledError as e:
    print('CancelledError', repr(e))
