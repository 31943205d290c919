class Solution:
    def letterOrder(self, words: List[str]) -> str:
        letters = set("".join(words))
        after = {c: set() for c in letters}
        # Only neighbours matter: sortedness is transitive.
        for a, b in zip(words, words[1:]):
            for x, y in zip(a, b):
                if x != y:
                    after[x].add(y)
                    break
            else:
                if len(a) > len(b):  # a word before its own prefix
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
