class Solution {
public:
    int minTruckCapacity(vector<int>& weights, int days) {
        long long lo = *max_element(weights.begin(), weights.end());
        long long hi = accumulate(weights.begin(), weights.end(), 0LL);
        while (lo < hi) {
            long long mid = (lo + hi) / 2, load = 0;
            int count = 1;
            for (int w : weights) {
                if (load + w > mid) { count++; load = 0; }
                load += w;
            }
            if (count <= days) hi = mid; else lo = mid + 1;
        }
        return (int)lo;
    }
};
