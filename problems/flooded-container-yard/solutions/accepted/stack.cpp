// Monotonic stack: fills water layer by layer whenever a taller stack closes a pit.
class Solution {
public:
    long long trappedWater(vector<int>& heights) {
        vector<int> stack;
        long long total = 0;
        for (int i = 0; i < (int)heights.size(); i++) {
            while (!stack.empty() && heights[stack.back()] < heights[i]) {
                int bottom = heights[stack.back()];
                stack.pop_back();
                if (stack.empty()) break;
                int left = stack.back();
                long long level = min(heights[left], heights[i]);
                total += (level - bottom) * (i - left - 1);
            }
            stack.push_back(i);
        }
        return total;
    }
};
