# Spins forever.
a, b = map(int, input().split())
spins = 0
while True:
    spins += 1
