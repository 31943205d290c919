class Solution {
public:
    vector<int> daysUntilHigher(vector<int>& readings) {
        int n = readings.size();
        vector<int> wait(n, 0), stack;
        for (int i = 0; i < n; i++) {
            while (!stack.empty() && readings[stack.back()] < readings[i]) {
                wait[stack.back()] = i - stack.back();
                stack.pop_back();
            }
            stack.push_back(i);
        }
        return wait;
    }
};
