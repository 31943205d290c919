// Too slow: for every station, a fresh search of each child's subtree for the
// best downward route: O(n * subtree size), O(n^2) on a 30000-deep chain.
class Solution {
    // The best gain of a route going down from start (0: no route at all).
    static long long bestDown(TreeNode* start) {
        if (!start) return 0;
        long long best = 0;
        vector<pair<TreeNode*, long long>> stack{{start, 0}};
        while (!stack.empty()) {
            auto [node, above] = stack.back();
            stack.pop_back();
            long long here = above + node->val;
            best = max(best, here);
            if (node->left) stack.push_back({node->left, here});
            if (node->right) stack.push_back({node->right, here});
        }
        return best;
    }

public:
    long long maxRouteGain(TreeNode* root) {
        long long answer = root->val;
        vector<TreeNode*> stack{root};
        while (!stack.empty()) {
            TreeNode* node = stack.back();
            stack.pop_back();
            answer = max(answer, node->val + bestDown(node->left) + bestDown(node->right));
            if (node->left) stack.push_back(node->left);
            if (node->right) stack.push_back(node->right);
        }
        return answer;
    }
};
