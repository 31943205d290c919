// For every building, the nearest strictly lower building on each side
// (two passes of a monotonic stack) bounds the widest banner at its height.
class Solution {
public:
    long long largestBanner(vector<int>& heights) {
        int n = heights.size();
        vector<int> leftLower(n), rightLower(n), stack;
        for (int i = 0; i < n; i++) {
            while (!stack.empty() && heights[stack.back()] >= heights[i]) stack.pop_back();
            leftLower[i] = stack.empty() ? -1 : stack.back();
            stack.push_back(i);
        }
        stack.clear();
        for (int i = n - 1; i >= 0; i--) {
            while (!stack.empty() && heights[stack.back()] >= heights[i]) stack.pop_back();
            rightLower[i] = stack.empty() ? n : stack.back();
            stack.push_back(i);
        }
        long long best = 0;
        for (int i = 0; i < n; i++)
            best = max(best, (long long)heights[i] * (rightLower[i] - leftLower[i] - 1));
        return best;
    }
};
