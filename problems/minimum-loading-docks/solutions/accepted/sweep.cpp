class Solution {
public:
    int minDocks(vector<vector<int>>& visits) {
        vector<int> arrivals, departures;
        for (auto& v : visits) { arrivals.push_back(v[0]); departures.push_back(v[1]); }
        sort(arrivals.begin(), arrivals.end());
        sort(departures.begin(), departures.end());
        int inUse = 0, best = 0;
        size_t j = 0;
        for (int a : arrivals) {
            // Departures at or before this arrival free their docks first.
            while (j < departures.size() && departures[j] <= a) { j++; inUse--; }
            best = max(best, ++inUse);
        }
        return best;
    }
};
