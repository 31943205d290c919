// The mistake: gains are added in 32-bit ints; a chain of large positive
// stations overflows (3 * 10^9 already does not fit).
class Solution {
public:
    long long maxRouteGain(TreeNode* root) {
        vector<TreeNode*> order, stack{root};
        while (!stack.empty()) {
            TreeNode* v = stack.back();
            stack.pop_back();
            order.push_back(v);
            if (v->left) stack.push_back(v->left);
            if (v->right) stack.push_back(v->right);
        }
        unordered_map<TreeNode*, int> down;
        int best = root->val;
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            TreeNode* v = *it;
            int l = v->left ? max(down[v->left], 0) : 0;
            int r = v->right ? max(down[v->right], 0) : 0;
            down[v] = v->val + max(l, r);
            best = max(best, v->val + l + r);
        }
        return best;
    }
};
