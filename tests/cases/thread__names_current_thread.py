# checks: default thread names "Thread-N (target)", current_thread(), main_thread(), is_alive, daemon default
import threading

def show():
    print("running in", threading.current_thread().name)

print("main:", threading.current_thread().name, threading.current_thread() is threading.main_thread())
threads = [threading.Thread(target=show) for _ in range(2)] + [threading.Thread(target=show, name="custom")]
for t in threads:
    print(t.name, "alive:", t.is_alive(), "daemon:", t.daemon)
    t.start()
    t.join()
print("alive after join:", [t.is_alive() for t in threads])
print("active count:", threading.active_count())
