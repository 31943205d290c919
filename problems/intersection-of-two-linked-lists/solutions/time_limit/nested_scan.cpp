// For every node of list1, scans list2 for an unused equal node: O(n * m).
class Solution {
public:
    ListNode* commonItems(ListNode* list1, ListNode* list2) {
        unordered_set<int> used;  // positions in list2 already matched
        ListNode dummy;
        ListNode* tail = &dummy;
        for (; list1; list1 = list1->next) {
            int index = 0;
            for (ListNode* node = list2; node; node = node->next, index++) {
                if (node->val == list1->val && !used.count(index)) {
                    used.insert(index);
                    tail = tail->next = new ListNode(list1->val);
                    break;
                }
            }
        }
        return dummy.next;
    }
};
