# Always begins on step 0, forgetting that step 1 is a free start too.
import sys

data = sys.stdin.read().split()
n = int(data[0])
cost = list(map(int, data[1:1 + n]))
above1 = above2 = 0
for i in range(n - 1, -1, -1):
    above1, above2 = cost[i] + min(above1, above2), above1
print(above1)
