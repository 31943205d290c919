// Simulates the runner one slot at a time, running the available type with
// the most jobs left. Correct, but the schedule can be ~10^9 slots long.
class Solution {
public:
    int minSlots(string jobs, int cooldown) {
        long long left[26] = {0}, readyAt[26] = {0};
        long long remaining = jobs.size();
        for (char c : jobs) left[c - 'A']++;
        long long slot = 0;
        for (; remaining > 0; slot++) {
            int best = -1;
            for (int t = 0; t < 26; t++)
                if (left[t] > 0 && readyAt[t] <= slot && (best < 0 || left[t] > left[best])) best = t;
            if (best >= 0) {
                left[best]--;
                remaining--;
                readyAt[best] = slot + cooldown + 1;
            }
        }
        return (int)slot;
    }
};
