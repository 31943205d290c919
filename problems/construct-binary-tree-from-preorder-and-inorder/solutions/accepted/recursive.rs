use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl Solution {
    pub fn build_tree(preorder: Vec<i32>, inorder: Vec<i32>) -> Option<Rc<RefCell<TreeNode>>> {
        fn build(
            preorder: &[i32],
            next: &mut usize,
            position: &HashMap<i32, usize>,
            lo: usize,
            hi: usize,
        ) -> Option<Rc<RefCell<TreeNode>>> {
            if lo >= hi {
                return None;
            }
            let val = preorder[*next];
            *next += 1;
            let mid = position[&val];
            let node = Rc::new(RefCell::new(TreeNode::new(val)));
            let left = build(preorder, next, position, lo, mid);
            let right = build(preorder, next, position, mid + 1, hi);
            node.borrow_mut().left = left;
            node.borrow_mut().right = right;
            Some(node)
        }
        let position: HashMap<i32, usize> = inorder.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let mut next = 0;
        build(&preorder, &mut next, &position, 0, inorder.len())
    }
}
