class Solution {
public:
    vector<int> peakLoads(vector<int>& loads, int k) {
        deque<int> window;
        vector<int> peaks;
        peaks.reserve(loads.size() - k + 1);
        for (int i = 0; i < (int)loads.size(); i++) {
            while (!window.empty() && loads[window.back()] <= loads[i]) window.pop_back();
            window.push_back(i);
            if (window.front() <= i - k) window.pop_front();
            if (i >= k - 1) peaks.push_back(loads[window.front()]);
        }
        return peaks;
    }
};
