# A fork bomb in Python.
# expect: cpu_time | wall_time | exit
# limits: cpu_ms=1000 processes=16 memory_mb=128
import os
while True:
    try:
        os.fork()
    except OSError:
        pass
