// Brute force: a running minimum from every start. O(n^2).
class Solution {
public:
    long long sumOfStretchMinimums(vector<int>& prices) {
        int n = prices.size();
        long long total = 0;
        for (int i = 0; i < n; i++) {
            int low = prices[i];
            for (int j = i; j < n; j++) {
                if (prices[j] < low) low = prices[j];
                total += low;
            }
        }
        return total;
    }
};
