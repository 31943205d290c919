# Grows a list until memory runs out: MemoryError or OOM kill, both MLE.
# expect: memory
# limits: memory_mb=128 cpu_ms=3000
chunks = []
while True:
    chunks.append(bytearray(1 << 20))
