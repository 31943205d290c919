// The textbook DP: best[j][i] = smallest largest shard for the first i
// segments in j shards, trying every position of the last cut. O(k * n^2).
class Solution {
public:
    long long minLargestShard(vector<int>& sizes, int k) {
        int n = sizes.size();
        vector<long long> prefix(n + 1, 0);
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + sizes[i];
        const long long INF = LLONG_MAX;
        vector<long long> prev(n + 1, INF), cur(n + 1, INF);
        prev[0] = 0;
        for (int j = 1; j <= k; j++) {
            fill(cur.begin(), cur.end(), INF);
            for (int i = j; i <= n; i++)
                for (int p = j - 1; p < i; p++)
                    if (prev[p] != INF) cur[i] = min(cur[i], max(prev[p], prefix[i] - prefix[p]));
            swap(prev, cur);
        }
        return prev[n];
    }
};
