// Too slow: for every question, every value of the tree collected and
// sorted again, then indexed: O(n log n) per question, where walking the
// tree in order once would do for all of them.
class Solution {
public:
    vector<int> kthSmallest(TreeNode* root, vector<int>& ks) {
        vector<int> answer;
        for (int k : ks) {
            vector<int> values;
            vector<TreeNode*> stack;
            if (root) stack.push_back(root);
            while (!stack.empty()) {
                TreeNode* node = stack.back();
                stack.pop_back();
                values.push_back(node->val);
                if (node->left) stack.push_back(node->left);
                if (node->right) stack.push_back(node->right);
            }
            sort(values.begin(), values.end());
            answer.push_back(values[k - 1]);
        }
        return answer;
    }
};
