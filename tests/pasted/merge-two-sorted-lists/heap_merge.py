# Definition for singly-linked list.
# class ListNode:
#     def __init__(self, val=0, next=None):
#         self.val = val
#         self.next = next
class Solution:
    def mergeTwoLists(self, list1: Optional[ListNode], list2: Optional[ListNode]) -> Optional[ListNode]:
        heap = []
        tie = count()
        for node in (list1, list2):
            if node:
                heappush(heap, (node.val, next(tie), node))
        dummy = tail = ListNode()
        while heap:
            _, _, node = heappop(heap)
            tail.next = node
            tail = node
            if node.next:
                heappush(heap, (node.next.val, next(tie), node.next))
        return dummy.next
