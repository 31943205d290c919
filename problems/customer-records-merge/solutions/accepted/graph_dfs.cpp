class Solution {
public:
    vector<vector<string>> mergeRecords(vector<vector<string>>& records) {
        // Identifiers are nodes; each record links its identifiers in a star.
        // Connected components (iterative DFS) are the customers.
        unordered_map<string, int> index;
        vector<string> ids, owner;
        vector<vector<int>> adj;
        auto id_of = [&](const string& s, const string& name) {
            auto [it, fresh] = index.try_emplace(s, (int) ids.size());
            if (fresh) { ids.push_back(s); owner.push_back(name); adj.emplace_back(); }
            return it->second;
        };
        for (auto& rec : records) {
            int first = id_of(rec[1], rec[0]);
            for (size_t j = 2; j < rec.size(); j++) {
                int other = id_of(rec[j], rec[0]);
                adj[first].push_back(other);
                adj[other].push_back(first);
            }
        }
        vector<char> seen(ids.size(), 0);
        vector<vector<string>> merged;
        vector<int> stack;
        for (size_t s = 0; s < ids.size(); s++) {
            if (seen[s]) continue;
            vector<string> group;
            seen[s] = 1;
            stack.assign(1, (int) s);
            while (!stack.empty()) {
                int v = stack.back();
                stack.pop_back();
                group.push_back(ids[v]);
                for (int w : adj[v])
                    if (!seen[w]) { seen[w] = 1; stack.push_back(w); }
            }
            sort(group.begin(), group.end());
            group.insert(group.begin(), owner[s]);
            merged.push_back(std::move(group));
        }
        sort(merged.begin(), merged.end());
        return merged;
    }
};
