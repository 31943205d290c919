// The brute force: tries every keyword prefix and recurses on the rest
// without remembering which suffixes already failed; exponential on a long
// run of one letter that cannot be finished.
class Solution {
    bool go(const string& q, size_t from, const unordered_set<string>& words) {
        if (from == q.size()) return true;
        for (size_t len = 1; len <= 20 && from + len <= q.size(); len++)
            if (words.count(q.substr(from, len)) && go(q, from + len, words)) return true;
        return false;
    }
public:
    bool canSplit(string query, vector<string>& keywords) {
        unordered_set<string> words(keywords.begin(), keywords.end());
        return go(query, 0, words);
    }
};
