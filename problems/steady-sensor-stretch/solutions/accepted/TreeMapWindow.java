// O(n log n): a multiset (TreeMap of counts) of the window's readings.
class Solution {
    public int longestSteadyStretch(int[] readings, int tolerance) {
        TreeMap<Integer, Integer> window = new TreeMap<>();
        int left = 0, best = 0;
        for (int right = 0; right < readings.length; right++) {
            window.merge(readings[right], 1, Integer::sum);
            while ((long) window.lastKey() - window.firstKey() > tolerance) {
                window.merge(readings[left], -1, Integer::sum);
                if (window.get(readings[left]) == 0) window.remove(readings[left]);
                left++;
            }
            best = Math.max(best, right - left + 1);
        }
        return best;
    }
}
