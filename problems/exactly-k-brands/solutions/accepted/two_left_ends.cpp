// One pass with two left ends: for each right end, the runs with exactly k
// brands start between `far` (smallest left with at most k brands) and
// `near` (largest left that still keeps k brands).
class Solution {
public:
    long long countRuns(vector<int>& brands, int k) {
        unordered_map<int, int> farCount, nearCount;
        farCount.reserve(brands.size() * 2);
        nearCount.reserve(brands.size() * 2);
        int farDistinct = 0, nearDistinct = 0, far = 0, near = 0;
        long long total = 0;
        for (int right = 0; right < (int)brands.size(); right++) {
            if (farCount[brands[right]]++ == 0) farDistinct++;
            if (nearCount[brands[right]]++ == 0) nearDistinct++;
            while (farDistinct > k)
                if (--farCount[brands[far++]] == 0) farDistinct--;
            // Move `near` while the window [near + 1, right] still has k brands.
            while (nearDistinct > k || (nearDistinct == k && nearCount[brands[near]] > 1))
                if (--nearCount[brands[near++]] == 0) nearDistinct--;
            if (farDistinct == k) total += near - far + 1;
        }
        return total;
    }
};
