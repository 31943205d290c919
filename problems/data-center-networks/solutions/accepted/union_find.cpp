class Solution {
    vector<int> parent, size_;

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];  // path halving
            x = parent[x];
        }
        return x;
    }

public:
    vector<int> networksAfterEach(int n, vector<vector<int>>& cables) {
        parent.resize(n);
        size_.assign(n, 1);
        for (int i = 0; i < n; i++) parent[i] = i;
        int networks = n;
        vector<int> answer;
        answer.reserve(cables.size());
        for (auto& c : cables) {
            int a = find(c[0]), b = find(c[1]);
            if (a != b) {
                if (size_[a] < size_[b]) swap(a, b);
                parent[b] = a;
                size_[a] += size_[b];
                networks--;
            }
            answer.push_back(networks);
        }
        return answer;
    }
};
