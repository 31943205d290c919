# Bug: only deletes digits that are followed by a smaller one; when the code
# (or its rest) never falls, fewer than k digits get deleted.
class Solution:
    def smallestCode(self, code: str, k: int) -> str:
        kept = []
        for d in code:
            while k and kept and kept[-1] > d:
                kept.pop()
                k -= 1
            kept.append(d)
        return "".join(kept).lstrip("0") or "0"
