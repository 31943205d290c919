// Greedy without backtracking: a '*' swallows characters until the next
// pattern letter appears, and never reconsiders that choice.
class Solution {
public:
    bool matches(string name, string pattern) {
        size_t i = 0, j = 0;
        while (j < pattern.size()) {
            if (pattern[j] == '*') {
                j++;
                if (j == pattern.size()) return true;
                while (i < name.size() && pattern[j] != '?' && name[i] != pattern[j]) i++;
            } else {
                if (i == name.size() || (pattern[j] != '?' && pattern[j] != name[i])) return false;
                i++;
                j++;
            }
        }
        return i == name.size();
    }
};
