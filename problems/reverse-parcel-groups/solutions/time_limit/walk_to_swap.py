# Too slow: swaps the values of each group's i-th and (k-1-i)-th parcels,
# walking the group from its start to reach each of them: O(k) per swap,
# O(n * k) overall, 6 * 10^8 steps for one group of 5 * 10^4.
class Solution:
    def reverseGroups(self, head: Optional[ListNode], k: int) -> Optional[ListNode]:
        n = 0
        node = head
        while node:
            n += 1
            node = node.next

        def nth(start, i):
            for _ in range(i):
                start = start.next
            return start

        start = head
        for _ in range(n // k):
            for i in range(k // 2):
                a, b = nth(start, i), nth(start, k - 1 - i)
                a.val, b.val = b.val, a.val
            start = nth(start, k)
        return head
