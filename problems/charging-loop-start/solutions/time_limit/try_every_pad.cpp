// Brute force: drives the loop from every pad until the battery runs flat.
// O(n^2) when starts fail late.
class Solution {
public:
    int loopStart(vector<int>& charge, vector<int>& cost) {
        int n = charge.size();
        for (int s = 0; s < n; s++) {
            long long tank = 0;
            bool flat = false;
            for (int t = 0; t < n && !flat; t++) {
                int i = (s + t) % n;
                tank += charge[i] - cost[i];
                if (tank < 0) flat = true;
            }
            if (!flat) return s;
        }
        return -1;
    }
};
