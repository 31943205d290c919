// Brute force: for every slot, find the tallest stack on each side by
// scanning. O(n^2).
class Solution {
public:
    long long trappedWater(vector<int>& heights) {
        int n = heights.size();
        long long total = 0;
        for (int i = 0; i < n; i++) {
            int left = 0, right = 0;
            for (int j = 0; j <= i; j++) left = max(left, heights[j]);
            for (int j = i; j < n; j++) right = max(right, heights[j]);
            total += min(left, right) - heights[i];
        }
        return total;
    }
};
