import sys
from collections import deque


def main():
    data = sys.stdin.buffer.read().split()
    rows, cols = int(data[0]), int(data[1])
    belts = b"".join(data[2:2 + rows]).decode()
    n = rows * cols
    # 0-1 BFS over tiles: following the belt costs 0, any other move 1.
    # A tile is final when popped; it may sit in the deque more than once.
    dist = [n] * n
    dist[0] = 0
    dq = deque([0])
    target = n - 1
    while dq:
        v = dq.popleft()
        d = dist[v]
        if v == target:
            break
        r, c = divmod(v, cols)
        belt = belts[v]
        if c + 1 < cols:
            w = d + (belt != ">")
            if w < dist[v + 1]:
                dist[v + 1] = w
                dq.append(v + 1) if w > d else dq.appendleft(v + 1)
        if c > 0:
            w = d + (belt != "<")
            if w < dist[v - 1]:
                dist[v - 1] = w
                dq.append(v - 1) if w > d else dq.appendleft(v - 1)
        if r + 1 < rows:
            w = d + (belt != "v")
            if w < dist[v + cols]:
                dist[v + cols] = w
                dq.append(v + cols) if w > d else dq.appendleft(v + cols)
        if r > 0:
            w = d + (belt != "^")
            if w < dist[v - cols]:
                dist[v - cols] = w
                dq.append(v - cols) if w > d else dq.appendleft(v - cols)
    print(dist[target])


main()
