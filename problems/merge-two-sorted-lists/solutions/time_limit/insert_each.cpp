// Inserts every node of list2 into list1 by walking from the head each time:
// O(n * m), far too slow for 50000 + 50000 nodes.
class Solution {
public:
    ListNode* mergeTwoLists(ListNode* list1, ListNode* list2) {
        ListNode dummy(0, list1);
        while (list2) {
            ListNode* node = list2;
            list2 = list2->next;
            ListNode* prev = &dummy;
            while (prev->next && prev->next->val <= node->val) prev = prev->next;
            node->next = prev->next;
            prev->next = node;
        }
        return dummy.next;
    }
};
