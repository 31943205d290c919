# Brute force: compares each swipe with the k swipes before it. O(n * k).
class Solution:
    def firstQuickRepeat(self, badges: List[int], k: int) -> int:
        for j in range(len(badges)):
            b = badges[j]
            for i in range(max(0, j - k), j):
                if badges[i] == b:
                    return j
        return -1
