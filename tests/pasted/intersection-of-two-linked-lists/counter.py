class Solution:
    def commonItems(self, list1: Optional[ListNode], list2: Optional[ListNode]) -> Optional[ListNode]:
        def values(node):
            while node:
                yield node.val
                node = node.next
        common = Counter(values(list1)) & Counter(values(list2))
        dummy = tail = ListNode()
        for v in sorted(common.elements()):
            tail.next = ListNode(v)
            tail = tail.next
        return dummy.next
