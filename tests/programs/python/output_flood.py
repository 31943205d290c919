# Writes to stdout without end.
import sys

line = "x" * (1 << 16) + "\n"
while True:
    sys.stdout.write(line)
