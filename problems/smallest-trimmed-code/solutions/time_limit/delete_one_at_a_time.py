# Deletes one digit at a time: rescans from the start for the first digit
# larger than its successor. Right, but O(n * k).
class Solution:
    def smallestCode(self, code: str, k: int) -> str:
        digits = list(code)
        for _ in range(k):
            i = 0
            while i + 1 < len(digits) and digits[i] <= digits[i + 1]:
                i += 1
            del digits[i]
        return "".join(digits).lstrip("0") or "0"
