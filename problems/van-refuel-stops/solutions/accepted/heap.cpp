class Solution {
public:
    int fewestStops(int target, int startFuel, vector<vector<int>>& stations) {
        priority_queue<int> passed;
        long long reach = startFuel;
        int stops = 0;
        size_t i = 0;
        while (reach < target) {
            while (i < stations.size() && stations[i][0] <= reach) passed.push(stations[i++][1]);
            if (passed.empty()) return -1;
            reach += passed.top();
            passed.pop();
            stops++;
        }
        return stops;
    }
};
