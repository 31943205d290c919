// The brute force: lets each '*' swallow 0, 1, 2, ... characters and
// recurses, without remembering failed (i, j) pairs: exponential when many
// stars face a long name that does not match.
class Solution {
    bool go(const string& s, const string& p, size_t i, size_t j) {
        if (j == p.size()) return i == s.size();
        if (p[j] == '*') {
            for (size_t k = i; k <= s.size(); k++)
                if (go(s, p, k, j + 1)) return true;
            return false;
        }
        return i < s.size() && (p[j] == '?' || p[j] == s[i]) && go(s, p, i + 1, j + 1);
    }
public:
    bool matches(string name, string pattern) { return go(name, pattern, 0, 0); }
};
