class Solution {
public:
    int kthPairDistance(vector<int>& positions, long long k) {
        vector<int> s = positions;
        sort(s.begin(), s.end());
        int n = s.size();
        auto pairsWithin = [&](long long d) {
            long long count = 0;
            int left = 0;
            for (int right = 0; right < n; right++) {
                while (s[right] - s[left] > d) left++;
                count += right - left;
            }
            return count;
        };
        long long lo = 0, hi = s.back() - s.front();
        while (lo < hi) {
            long long mid = (lo + hi) / 2;
            if (pairsWithin(mid) >= k) hi = mid; else lo = mid + 1;
        }
        return (int)lo;
    }
};
