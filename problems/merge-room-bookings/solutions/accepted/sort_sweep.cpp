class Solution {
public:
    vector<vector<int>> mergeBookings(vector<vector<int>>& bookings) {
        sort(bookings.begin(), bookings.end());
        vector<vector<int>> blocks;
        for (auto& b : bookings) {
            if (!blocks.empty() && b[0] <= blocks.back()[1])
                blocks.back()[1] = max(blocks.back()[1], b[1]);
            else
                blocks.push_back(b);
        }
        return blocks;
    }
};
