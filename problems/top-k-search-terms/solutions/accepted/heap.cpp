class Solution {
public:
    vector<string> topTerms(vector<string>& queries, int k) {
        unordered_map<string, int> counts;
        for (auto& q : queries) counts[q]++;
        // "Worse" entries on top of the heap: fewer searches, or alphabetically later.
        auto worse = [](const pair<int, string>& a, const pair<int, string>& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        };
        priority_queue<pair<int, string>, vector<pair<int, string>>, decltype(worse)> heap(worse);
        for (auto& [term, count] : counts) {
            heap.push({count, term});
            if ((int)heap.size() > k) heap.pop();
        }
        vector<string> top;
        while (!heap.empty()) { top.push_back(heap.top().second); heap.pop(); }
        reverse(top.begin(), top.end());
        return top;
    }
};
