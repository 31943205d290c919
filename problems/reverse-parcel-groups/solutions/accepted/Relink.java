class Solution {
    public ListNode reverseGroups(ListNode head, int k) {
        ListNode dummy = new ListNode(0, head);
        ListNode before = dummy;  // the node just before the current group
        while (true) {
            ListNode end = before;
            for (int i = 0; i < k; i++) {
                end = end.next;
                if (end == null) return dummy.next;  // short tail stays as it is
            }
            ListNode first = before.next, after = end.next;
            ListNode prev = after, cur = first;
            while (cur != after) {
                ListNode next = cur.next;
                cur.next = prev;
                prev = cur;
                cur = next;
            }
            before.next = end;
            before = first;
        }
    }
}
