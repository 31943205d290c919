class Solution {
public:
    ListNode* commonItems(ListNode* list1, ListNode* list2) {
        ListNode dummy;
        ListNode* tail = &dummy;
        while (list1 && list2) {
            if (list1->val < list2->val) list1 = list1->next;
            else if (list1->val > list2->val) list2 = list2->next;
            else {
                tail = tail->next = new ListNode(list1->val);
                list1 = list1->next;
                list2 = list2->next;
            }
        }
        return dummy.next;
    }
};
