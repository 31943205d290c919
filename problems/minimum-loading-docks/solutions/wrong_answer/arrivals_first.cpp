// Bug: at equal times, processes arrivals before departures, so a truck that
// pulls in as another leaves is counted as needing a second dock.
class Solution {
public:
    int minDocks(vector<vector<int>>& visits) {
        vector<pair<int, int>> events;
        for (auto& v : visits) { events.push_back({v[0], -1}); events.push_back({v[1], +1}); }
        sort(events.begin(), events.end());  // (t, -1) arrival sorts before (t, +1) departure
        int inUse = 0, best = 0;
        for (auto& [t, kind] : events) {
            inUse += kind == -1 ? 1 : -1;
            best = max(best, inUse);
        }
        return best;
    }
};
