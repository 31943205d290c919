// Tries every capacity upwards from the heaviest package: O(n * (answer - max)),
// hopeless when the answer is near half the total weight.
class Solution {
public:
    int minTruckCapacity(vector<int>& weights, int days) {
        for (long long cap = *max_element(weights.begin(), weights.end());; cap++) {
            long long load = 0;
            int count = 1;
            for (int w : weights) {
                if (load + w > cap) { count++; load = 0; }
                load += w;
            }
            if (count <= days) return (int)cap;
        }
    }
};
