class Solution:
    def minLargestShard(self, sizes: List[int], k: int) -> int:
        def fits(cap):
            # Greedy: fill each shard as far as it goes; fewer shards than k
            # can always be split further without growing the largest.
            count, load = 1, 0
            for s in sizes:
                load += s
                if load > cap:
                    count += 1
                    if count > k:
                        return False
                    load = s
            return True

        lo, hi = max(sizes), sum(sizes)
        while lo < hi:
            mid = (lo + hi) // 2
            if fits(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo
