class Solution {
public:
    int longestRise(vector<int>& prices) {
        // tails[k]: the smallest last price of a strict rise of k + 1 days;
        // lower_bound (not upper_bound) keeps equal prices from extending it.
        vector<int> tails;
        for (int p : prices) {
            auto it = lower_bound(tails.begin(), tails.end(), p);
            if (it == tails.end()) tails.push_back(p);
            else *it = p;
        }
        return tails.size();
    }
};
