// Brute force: every (buy, sell) pair of days. O(n^2).
class Solution {
public:
    int bestProfit(vector<int>& prices) {
        int best = 0, n = prices.size();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (prices[j] - prices[i] > best) best = prices[j] - prices[i];
        return best;
    }
};
