// Bug: evicts the front only when it is more than k positions back
// (`< i - k` instead of `<= i - k`), so each window really holds k + 1 samples.
class Solution {
public:
    vector<int> peakLoads(vector<int>& loads, int k) {
        deque<int> window;
        vector<int> peaks;
        for (int i = 0; i < (int)loads.size(); i++) {
            while (!window.empty() && loads[window.back()] <= loads[i]) window.pop_back();
            window.push_back(i);
            if (window.front() < i - k) window.pop_front();
            if (i >= k - 1) peaks.push_back(loads[window.front()]);
        }
        return peaks;
    }
};
