// Brute force: sums every period with a running total. O(n^2).
class Solution {
public:
    long long countPeriods(vector<int>& changes, int target) {
        int n = changes.size();
        long long total = 0;
        for (int i = 0; i < n; i++) {
            long long s = 0;
            for (int j = i; j < n; j++) {
                s += changes[j];
                if (s == target) total++;
            }
        }
        return total;
    }
};
