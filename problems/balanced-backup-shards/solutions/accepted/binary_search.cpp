class Solution {
public:
    long long minLargestShard(vector<int>& sizes, int k) {
        long long lo = *max_element(sizes.begin(), sizes.end());
        long long hi = accumulate(sizes.begin(), sizes.end(), 0LL);
        while (lo < hi) {
            long long mid = lo + (hi - lo) / 2, load = 0;
            int count = 1;
            for (int s : sizes) {
                if (load + s > mid) { count++; load = 0; }
                load += s;
            }
            if (count <= k) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
};
