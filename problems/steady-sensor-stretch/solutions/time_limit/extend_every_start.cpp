// Brute force: from every start, extend while the spread fits. O(n^2) when
// long stretches are steady.
class Solution {
public:
    int longestSteadyStretch(vector<int>& readings, int tolerance) {
        int n = readings.size();
        int best = 0;
        for (int i = 0; i < n; i++) {
            int lo = readings[i], hi = readings[i];
            int j = i;
            while (j < n) {
                lo = min(lo, readings[j]);
                hi = max(hi, readings[j]);
                // 64-bit: the spread can be 4 * 10^9.
                if ((long long)hi - lo > tolerance) break;
                j++;
            }
            best = max(best, j - i);
        }
        return best;
    }
};
