// Counting argument: the most frequent type needs (top - 1) full frames of
// cooldown + 1 slots plus a last frame holding every type tied for the top;
// if the other jobs do not fit in the frames' gaps, no slot is idle at all.
class Solution {
public:
    int minSlots(string jobs, int cooldown) {
        int counts[26] = {0};
        for (char c : jobs) counts[c - 'A']++;
        int top = *max_element(counts, counts + 26);
        int ties = count(counts, counts + 26, top);
        long long framed = (long long)(top - 1) * (cooldown + 1) + ties;
        return (int)max<long long>(jobs.size(), framed);
    }
};
