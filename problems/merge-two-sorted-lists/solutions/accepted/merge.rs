impl Solution {
    pub fn merge_two_lists(list1: Option<Box<ListNode>>, list2: Option<Box<ListNode>>) -> Option<Box<ListNode>> {
        let (mut a, mut b) = (list1, list2);
        let mut dummy = Box::new(ListNode::new(0));
        let mut tail = &mut dummy;
        loop {
            let next = match (a.take(), b.take()) {
                (Some(mut x), Some(y)) if x.val <= y.val => {
                    a = x.next.take();
                    b = Some(y);
                    x
                }
                (Some(x), Some(mut y)) => {
                    b = y.next.take();
                    a = Some(x);
                    y
                }
                (rest, None) | (None, rest) => {
                    tail.next = rest;
                    break;
                }
            };
            tail = tail.next.insert(next);
        }
        dummy.next
    }
}
