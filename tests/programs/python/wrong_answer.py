# Keeps only tokens made of digits, which silently drops negative numbers:
# right on the sample, wrong whenever a or b is negative.
print(sum(int(token) for token in input().split() if token.isdigit()))
