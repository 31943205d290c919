// Too slow: keeps one set per group and merges any two overlapping groups,
// rescanning all pairs until nothing changes: O(n^2) set intersections per pass.
class Solution {
    static bool overlap(const set<string>& a, const set<string>& b) {
        for (auto& id : a)
            if (b.count(id)) return true;
        return false;
    }

public:
    vector<vector<string>> mergeRecords(vector<vector<string>>& records) {
        vector<pair<string, set<string>>> groups;
        for (auto& rec : records) groups.push_back({rec[0], set<string>(rec.begin() + 1, rec.end())});
        bool changed = true;
        while (changed) {
            changed = false;
            for (size_t i = 0; i < groups.size(); i++) {
                size_t j = i + 1;
                while (j < groups.size()) {
                    if (overlap(groups[i].second, groups[j].second)) {
                        groups[i].second.insert(groups[j].second.begin(), groups[j].second.end());
                        groups.erase(groups.begin() + j);
                        changed = true;
                    } else {
                        j++;
                    }
                }
            }
        }
        vector<vector<string>> merged;
        for (auto& [name, ids] : groups) {
            vector<string> row{name};
            row.insert(row.end(), ids.begin(), ids.end());
            merged.push_back(std::move(row));
        }
        sort(merged.begin(), merged.end());
        return merged;
    }
};
