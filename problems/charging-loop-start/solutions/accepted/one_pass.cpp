class Solution {
public:
    int loopStart(vector<int>& charge, vector<int>& cost) {
        long long total = 0, tank = 0;
        int start = 0;
        for (int i = 0; i < (int)charge.size(); i++) {
            total += charge[i] - cost[i];
            tank += charge[i] - cost[i];
            if (tank < 0) { start = i + 1; tank = 0; }
        }
        return total < 0 ? -1 : start;
    }
};
