class Solution {
    public ListNode commonItems(ListNode list1, ListNode list2) {
        ListNode dummy = new ListNode();
        ListNode tail = dummy;
        while (list1 != null && list2 != null) {
            if (list1.val < list2.val) list1 = list1.next;
            else if (list1.val > list2.val) list2 = list2.next;
            else {
                tail.next = new ListNode(list1.val);
                tail = tail.next;
                list1 = list1.next;
                list2 = list2.next;
            }
        }
        return dummy.next;
    }
}
