// Prefix totals increase strictly, so for every end the latest start that
// still reaches the quota is found by binary search. O(n log n).
class Solution {
public:
    int shortestStreak(vector<int>& sales, int quota) {
        int n = sales.size();
        vector<long long> prefix(n + 1, 0);
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sales[i];
        int best = 0;
        for (int end = 1; end <= n; end++) {
            // Largest start with prefix[start] <= prefix[end] - quota.
            long long limit = prefix[end] - quota;
            if (limit < 0) continue;
            int start = upper_bound(prefix.begin(), prefix.begin() + end, limit) - prefix.begin() - 1;
            if (best == 0 || end - start < best) best = end - start;
        }
        return best;
    }
};
