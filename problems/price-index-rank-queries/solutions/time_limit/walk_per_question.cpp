// Too slow: a fresh inorder walk for every question, stopping at the k-th
// node: O(k) per question, about 7 * 10^8 node visits on the largest cases.
class Solution {
public:
    vector<int> kthSmallest(TreeNode* root, vector<int>& ks) {
        vector<int> answer;
        for (int k : ks) {
            vector<TreeNode*> stack;
            TreeNode* node = root;
            int seen = 0;
            while (!stack.empty() || node) {
                while (node) {
                    stack.push_back(node);
                    node = node->left;
                }
                node = stack.back();
                stack.pop_back();
                if (++seen == k) {
                    answer.push_back(node->val);
                    break;
                }
                node = node->right;
            }
        }
        return answer;
    }
};
