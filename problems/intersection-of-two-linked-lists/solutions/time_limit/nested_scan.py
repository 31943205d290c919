# For every node of list1, scans list2 for an unused equal node: O(n * m).
class Solution:
    def commonItems(self, list1: Optional[ListNode], list2: Optional[ListNode]) -> Optional[ListNode]:
        used = set()
        dummy = tail = ListNode()
        while list1:
            node, index = list2, 0
            while node:
                if node.val == list1.val and index not in used:
                    used.add(index)
                    tail.next = ListNode(list1.val)
                    tail = tail.next
                    break
                node, index = node.next, index + 1
            list1 = list1.next
        return dummy.next
