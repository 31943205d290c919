class Solution {
public:
    bool canBalance(vector<int>& crates) {
        int total = accumulate(crates.begin(), crates.end(), 0);
        if (total % 2) return false;
        int half = total / 2;
        // can[s]: some crates seen so far weigh exactly s (0/1 knapsack,
        // sums scanned downwards so each crate is used at most once).
        vector<char> can(half + 1, 0);
        can[0] = 1;
        for (int w : crates)
            for (int s = half; s >= w; s--)
                if (can[s - w]) can[s] = 1;
        return can[half];
    }
};
