/**
 * @param {ListNode} list1
 * @param {ListNode} list2
 * @return {ListNode}
 */
var commonItems = function(list1, list2) {
    const a = new Deque(), b = new Deque();
    for (let n = list1; n; n = n.next) a.pushBack(n.val);
    for (let n = list2; n; n = n.next) b.pushBack(n.val);
    const dummy = new ListNode();
    let tail = dummy;
    while (!a.isEmpty() && !b.isEmpty()) {
        if (a.front() < b.front()) a.popFront();
        else if (a.front() > b.front()) b.popFront();
        else {
            tail = tail.next = new ListNode(a.popFront());
            b.popFront();
        }
    }
    return dummy.next;
};
