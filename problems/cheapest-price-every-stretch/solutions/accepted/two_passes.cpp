class Solution {
public:
    long long sumOfStretchMinimums(vector<int>& prices) {
        int n = prices.size();
        vector<int> left(n), stack;
        // Strictly lower on the left, lower-or-equal on the right: each
        // stretch is counted at exactly one of its lowest days.
        for (int i = 0; i < n; i++) {
            while (!stack.empty() && prices[stack.back()] >= prices[i]) stack.pop_back();
            left[i] = i - (stack.empty() ? -1 : stack.back());
            stack.push_back(i);
        }
        stack.clear();
        long long total = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (!stack.empty() && prices[stack.back()] > prices[i]) stack.pop_back();
            long long right = (stack.empty() ? n : stack.back()) - i;
            total += (long long)prices[i] * left[i] * right;
            stack.push_back(i);
        }
        return total;
    }
};
