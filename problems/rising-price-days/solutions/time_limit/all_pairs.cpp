// The quadratic DP: best[i] = 1 + max(best[j]) over earlier cheaper days,
// O(n^2), about 5 * 10^9 steps for n = 10^5.
class Solution {
public:
    int longestRise(vector<int>& prices) {
        int n = prices.size();
        vector<int> best(n, 1);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                if (prices[j] < prices[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
        return *max_element(best.begin(), best.end());
    }
};
