class Solution:
    def smallestCode(self, code: str, k: int) -> str:
        # A digit followed by a smaller one should go first: the leftmost such
        # drop decides the most significant place. A stack finds them all.
        kept = []
        for d in code:
            while k and kept and kept[-1] > d:
                kept.pop()
                k -= 1
            kept.append(d)
        if k:
            del kept[-k:]  # digits never fell: the largest are at the end
        return "".join(kept).lstrip("0") or "0"
