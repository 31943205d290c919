// Bug: computes the spread max - min in `int`; 2*10^9 - (-2*10^9) wraps to a
// negative number, so a far too wide stretch looks steady.
class Solution {
    public int longestSteadyStretch(int[] readings, int tolerance) {
        Deque<Integer> highs = new ArrayDeque<>(), lows = new ArrayDeque<>();
        int left = 0, best = 0;
        for (int right = 0; right < readings.length; right++) {
            int x = readings[right];
            while (!highs.isEmpty() && readings[highs.peekLast()] <= x) highs.pollLast();
            highs.addLast(right);
            while (!lows.isEmpty() && readings[lows.peekLast()] >= x) lows.pollLast();
            lows.addLast(right);
            while (readings[highs.peekFirst()] - readings[lows.peekFirst()] > tolerance) {
                left++;
                if (highs.peekFirst() < left) highs.pollFirst();
                if (lows.peekFirst() < left) lows.pollFirst();
            }
            best = Math.max(best, right - left + 1);
        }
        return best;
    }
}
