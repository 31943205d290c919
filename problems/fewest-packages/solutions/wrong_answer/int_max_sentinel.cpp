// Uses INT_MAX as "impossible" and adds 1 to it: the sum overflows to a
// negative number, which then looks like the best answer.
class Solution {
public:
    int fewestPackages(vector<int>& sizes, int amount) {
        vector<int> best(amount + 1, INT_MAX);
        best[0] = 0;
        for (int a = 1; a <= amount; a++)
            for (int s : sizes)
                if (s <= a) best[a] = min(best[a], best[a - s] + 1);
        return best[amount] == INT_MAX ? -1 : best[amount];
    }
};
