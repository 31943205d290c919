class Solution:
    def reverseGroups(self, head: Optional[ListNode], k: int) -> Optional[ListNode]:
        dummy = ListNode(0, head)
        before = dummy  # the node just before the current group
        while True:
            # Is there a full group of k after `before`?
            end = before
            for _ in range(k):
                end = end.next
                if end is None:
                    return dummy.next
            first, after = before.next, end.next
            # Reverse the group's links in place, pointing its first node at `after`.
            prev, cur = after, first
            while cur is not after:
                cur.next, prev, cur = prev, cur, cur.next
            before.next = end
            before = first
