# A syntax error: the parameter list is never closed.
def add(a, b:
    return a + b


print(add(*map(int, input().split())))
