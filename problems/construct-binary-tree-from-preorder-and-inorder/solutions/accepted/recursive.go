func buildTree(preorder []int, inorder []int) *TreeNode {
	position := make(map[int]int, len(inorder))
	for i, v := range inorder {
		position[v] = i
	}
	next := 0
	var build func(lo, hi int) *TreeNode
	build = func(lo, hi int) *TreeNode {
		if lo >= hi {
			return nil
		}
		node := &TreeNode{Val: preorder[next]}
		next++
		mid := position[node.Val]
		node.Left = build(lo, mid)
		node.Right = build(mid+1, hi)
		return node
	}
	return build(0, len(inorder))
}
