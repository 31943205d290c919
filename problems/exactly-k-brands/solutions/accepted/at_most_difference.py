class Solution:
    def countRuns(self, brands: List[int], k: int) -> int:
        # exactly(k) = atMost(k) - atMost(k - 1); atMost is a plain sliding window.
        def at_most(limit):
            if limit == 0:
                return 0
            count = defaultdict(int)
            distinct = left = total = 0
            for right, b in enumerate(brands):
                if count[b] == 0:
                    distinct += 1
                count[b] += 1
                while distinct > limit:
                    out = brands[left]
                    count[out] -= 1
                    if count[out] == 0:
                        distinct -= 1
                    left += 1
                total += right - left + 1
            return total

        return at_most(k) - at_most(k - 1)
