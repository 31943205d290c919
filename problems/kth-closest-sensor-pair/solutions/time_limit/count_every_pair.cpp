// Binary search on the distance, but counts the pairs within d by checking
// every pair: O(n^2 log(range)).
class Solution {
public:
    int kthPairDistance(vector<int>& positions, long long k) {
        int n = positions.size();
        long long lo = 0, hi = *max_element(positions.begin(), positions.end());
        while (lo < hi) {
            long long mid = (lo + hi) / 2, count = 0;
            for (int i = 0; i < n; i++)
                for (int j = i + 1; j < n; j++)
                    if (llabs((long long)positions[i] - positions[j]) <= mid) count++;
            if (count >= k) hi = mid; else lo = mid + 1;
        }
        return (int)lo;
    }
};
