// Bug: merges only on a strict overlap (`<`), so bookings that share just
// their boundary minute ([1,4] and [4,5]) stay apart.
class Solution {
public:
    vector<vector<int>> mergeBookings(vector<vector<int>>& bookings) {
        sort(bookings.begin(), bookings.end());
        vector<vector<int>> blocks;
        for (auto& b : bookings) {
            if (!blocks.empty() && b[0] < blocks.back()[1])
                blocks.back()[1] = max(blocks.back()[1], b[1]);
            else
                blocks.push_back(b);
        }
        return blocks;
    }
};
