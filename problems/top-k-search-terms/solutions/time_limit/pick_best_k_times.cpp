// Picks the best remaining term k times, scanning every distinct term each
// time: O(k * d), quadratic when k is close to the number of distinct terms.
class Solution {
public:
    vector<string> topTerms(vector<string>& queries, int k) {
        unordered_map<string, int> counts;
        for (auto& q : queries) counts[q]++;
        vector<string> top;
        for (int picked = 0; picked < k; picked++) {
            auto best = counts.begin();
            for (auto it = counts.begin(); it != counts.end(); ++it)
                if (it->second > best->second || (it->second == best->second && it->first < best->first))
                    best = it;
            top.push_back(best->first);
            counts.erase(best);
        }
        return top;
    }
};
