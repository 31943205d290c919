class Solution {
public:
    long long maxRouteGain(TreeNode* root) {
        // Iterative post-order (chains are 30000 deep). down[v]: the best
        // gain of a route going down from v; sums need 64 bits.
        vector<TreeNode*> order, stack{root};
        while (!stack.empty()) {
            TreeNode* v = stack.back();
            stack.pop_back();
            order.push_back(v);
            if (v->left) stack.push_back(v->left);
            if (v->right) stack.push_back(v->right);
        }
        unordered_map<TreeNode*, long long> down;
        down.reserve(order.size() * 2);
        long long best = root->val;
        for (auto it = order.rbegin(); it != order.rend(); ++it) {
            TreeNode* v = *it;
            long long l = v->left ? max(down[v->left], 0LL) : 0;
            long long r = v->right ? max(down[v->right], 0LL) : 0;
            down[v] = v->val + max(l, r);
            best = max(best, v->val + l + r);
        }
        return best;
    }
};
