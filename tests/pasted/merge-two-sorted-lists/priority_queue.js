/**
 * Definition for singly-linked list.
 * function ListNode(val, next) {
 *     this.val = (val===undefined ? 0 : val)
 *     this.next = (next===undefined ? null : next)
 * }
 */
/**
 * @param {ListNode} list1
 * @param {ListNode} list2
 * @return {ListNode}
 */
var mergeTwoLists = function(list1, list2) {
    const pq = new PriorityQueue((a, b) => a.val - b.val);
    if (list1) pq.enqueue(list1);
    if (list2) pq.enqueue(list2);
    const dummy = new ListNode();
    let tail = dummy;
    while (!pq.isEmpty()) {
        const node = pq.dequeue();
        tail.next = node;
        tail = node;
        if (node.next) pq.enqueue(node.next);
    }
    tail.next = null;
    return dummy.next;
};
