# Allocates 1 GiB in 16 MiB blocks. Multiplying a bytes object writes every
# byte (bytearray(n) would map zero pages lazily and not really use memory).
a, b = map(int, input().split())
blocks = []
for i in range(64):
    blocks.append(bytes([i + 1]) * (16 << 20))
checksum = sum(block[-1] for block in blocks)
print(a + b + checksum % 2)
