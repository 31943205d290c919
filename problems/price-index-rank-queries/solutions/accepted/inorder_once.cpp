class Solution {
public:
    vector<int> kthSmallest(TreeNode* root, vector<int>& ks) {
        // One iterative inorder walk gives the values in increasing order.
        vector<int> ordered;
        vector<TreeNode*> stack;
        TreeNode* node = root;
        while (!stack.empty() || node) {
            while (node) {
                stack.push_back(node);
                node = node->left;
            }
            node = stack.back();
            stack.pop_back();
            ordered.push_back(node->val);
            node = node->right;
        }
        vector<int> answer;
        answer.reserve(ks.size());
        for (int k : ks) answer.push_back(ordered[k - 1]);
        return answer;
    }
};
