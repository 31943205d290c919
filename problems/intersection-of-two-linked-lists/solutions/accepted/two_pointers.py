class Solution:
    def commonItems(self, list1: Optional[ListNode], list2: Optional[ListNode]) -> Optional[ListNode]:
        dummy = tail = ListNode()
        while list1 and list2:
            if list1.val < list2.val:
                list1 = list1.next
            elif list1.val > list2.val:
                list2 = list2.next
            else:
                tail.next = ListNode(list1.val)
                tail = tail.next
                list1, list2 = list1.next, list2.next
        return dummy.next
