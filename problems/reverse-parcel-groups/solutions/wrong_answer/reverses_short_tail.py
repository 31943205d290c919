# The mistake: reverses the last group even when it has fewer than k parcels.
class Solution:
    def reverseGroups(self, head: Optional[ListNode], k: int) -> Optional[ListNode]:
        dummy = ListNode(0, head)
        before = dummy
        while before.next:
            first = before.next
            prev, cur, count = None, first, 0
            while cur and count < k:
                cur.next, prev, cur = prev, cur, cur.next
                count += 1
            before.next = prev
            first.next = cur
            before = first
        return dummy.next
