class Solution {
public:
    long long countPeriods(vector<int>& changes, int target) {
        unordered_map<long long, int> seen;
        seen.reserve(2 * changes.size() + 2);
        seen[0] = 1;
        long long total = 0, prefix = 0;
        for (int c : changes) {
            prefix += c;
            auto it = seen.find(prefix - target);
            if (it != seen.end()) total += it->second;
            seen[prefix]++;
        }
        return total;
    }
};
