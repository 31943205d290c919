class Solution {
public:
    string smallestCode(string code, int k) {
        string kept;
        for (char d : code) {
            while (k > 0 && !kept.empty() && kept.back() > d) { kept.pop_back(); k--; }
            kept.push_back(d);
        }
        kept.resize(kept.size() - k);
        size_t first = kept.find_first_not_of('0');
        return first == string::npos ? "0" : kept.substr(first);
    }
};
