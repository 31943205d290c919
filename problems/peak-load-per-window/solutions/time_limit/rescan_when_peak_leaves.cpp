// Keeps the current peak and rescans the whole window only when the peak's
// sample leaves it. Fast on random loads, but O(n * k) on falling loads,
// where the peak leaves at every step.
class Solution {
public:
    vector<int> peakLoads(vector<int>& loads, int k) {
        vector<int> peaks;
        int bestI = -1;
        for (int i = 0; i < (int)loads.size(); i++) {
            int start = i - k + 1;
            if (bestI < max(start, 0)) {
                // The latest of equal peaks stays in the window longest.
                bestI = max(start, 0);
                for (int j = bestI + 1; j <= i; j++)
                    if (loads[j] >= loads[bestI]) bestI = j;
            } else if (loads[i] >= loads[bestI]) {
                bestI = i;
            }
            if (start >= 0) peaks.push_back(loads[bestI]);
        }
        return peaks;
    }
};
