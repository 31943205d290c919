# Too slow: derives a constraint from every pair of words, not just from
# neighbours: O(n^2 * L), 2 * 10^8 word comparisons for 2 * 10^4 words.
class Solution:
    def letterOrder(self, words: List[str]) -> str:
        letters = set("".join(words))
        after = {c: set() for c in letters}
        n = len(words)
        for i in range(n):
            for j in range(i + 1, n):
                a, b = words[i], words[j]
                for x, y in zip(a, b):
                    if x != y:
                        after[x].add(y)
                        break
                else:
                    if len(a) > len(b):
                        return ""
        waiting = {c: 0 for c in letters}
        for x in letters:
            for y in after[x]:
                waiting[y] += 1
        order = [c for c in letters if waiting[c] == 0]
        for x in order:
            for y in after[x]:
                waiting[y] -= 1
                if waiting[y] == 0:
                    order.append(y)
        return "".join(order) if len(order) == len(letters) else ""
