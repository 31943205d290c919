// Scans sums upwards in the knapsack, so a crate can be counted many times
// (it decides "some multiset of weights makes half", e.g. [1, 2, 5] -> true).
class Solution {
public:
    bool canBalance(vector<int>& crates) {
        int total = accumulate(crates.begin(), crates.end(), 0);
        if (total % 2) return false;
        int half = total / 2;
        vector<char> can(half + 1, 0);
        can[0] = 1;
        for (int w : crates)
            for (int s = w; s <= half; s++)
                if (can[s - w]) can[s] = 1;
        return can[half];
    }
};
