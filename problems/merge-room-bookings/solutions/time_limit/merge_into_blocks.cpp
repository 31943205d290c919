// For every booking, scans all blocks built so far for overlaps and merges
// them. O(n * blocks): quadratic when few bookings overlap.
class Solution {
public:
    vector<vector<int>> mergeBookings(vector<vector<int>>& bookings) {
        vector<vector<int>> blocks;
        for (auto& booking : bookings) {
            int start = booking[0], end = booking[1];
            vector<vector<int>> kept;
            for (auto& block : blocks) {
                if (block[0] <= end && start <= block[1]) {
                    start = min(start, block[0]);
                    end = max(end, block[1]);
                } else {
                    kept.push_back(block);
                }
            }
            kept.push_back({start, end});
            blocks = kept;
        }
        sort(blocks.begin(), blocks.end());
        return blocks;
    }
};
