class Solution {
public:
    int fewestPackages(vector<int>& sizes, int amount) {
        // best[a]: fewest packages summing to exactly a; amount + 1 means "impossible"
        // (a sentinel that cannot overflow when 1 is added).
        vector<int> best(amount + 1, amount + 1);
        best[0] = 0;
        for (int a = 1; a <= amount; a++)
            for (int s : sizes)
                if (s <= a) best[a] = min(best[a], best[a - s] + 1);
        return best[amount] > amount ? -1 : best[amount];
    }
};
