class Solution {
public:
    int longestSteadyStretch(vector<int>& readings, int tolerance) {
        deque<int> highs, lows;
        int left = 0, best = 0;
        for (int right = 0; right < (int)readings.size(); right++) {
            int x = readings[right];
            while (!highs.empty() && readings[highs.back()] <= x) highs.pop_back();
            highs.push_back(right);
            while (!lows.empty() && readings[lows.back()] >= x) lows.pop_back();
            lows.push_back(right);
            // 64-bit: the spread can be 4 * 10^9.
            while ((long long)readings[highs.front()] - readings[lows.front()] > tolerance) {
                left++;
                if (highs.front() < left) highs.pop_front();
                if (lows.front() < left) lows.pop_front();
            }
            best = max(best, right - left + 1);
        }
        return best;
    }
};
