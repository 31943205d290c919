# Greedy: at each position takes the longest keyword that matches and never
# reconsiders ("abcd" with ["abc", "ab", "cd"] takes "abc" and is stuck).
class Solution:
    def canSplit(self, query: str, keywords: List[str]) -> bool:
        words = set(keywords)
        i = 0
        while i < len(query):
            for j in range(min(len(query), i + 20), i, -1):
                if query[i:j] in words:
                    i = j
                    break
            else:
                return False
        return True
