func commonItems(list1 *ListNode, list2 *ListNode) *ListNode {
	dummy := &ListNode{}
	tail := dummy
	for list1 != nil && list2 != nil {
		switch {
		case list1.Val < list2.Val:
			list1 = list1.Next
		case list1.Val > list2.Val:
			list2 = list2.Next
		default:
			tail.Next = &ListNode{Val: list1.Val}
			tail = tail.Next
			list1, list2 = list1.Next, list2.Next
		}
	}
	return dummy.Next
}
