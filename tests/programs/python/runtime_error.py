# Divides by zero: an uncaught ZeroDivisionError, exit code 1.
a, b = map(int, input().split())
print((a + b) // (a - a))
