// Bug: counts in `int`; with one brand and k = 1 all 5 * 10^9 runs count and
// the total wraps around.
class Solution {
    public long countRuns(int[] brands, int k) {
        return atMost(brands, k) - atMost(brands, k - 1);
    }

    private int atMost(int[] brands, int limit) {
        if (limit == 0) return 0;
        HashMap<Integer, Integer> count = new HashMap<>();
        int left = 0, total = 0;
        for (int right = 0; right < brands.length; right++) {
            count.merge(brands[right], 1, Integer::sum);
            while (count.size() > limit) {
                if (count.merge(brands[left], -1, Integer::sum) == 0) count.remove(brands[left]);
                left++;
            }
            total += right - left + 1;
        }
        return total;
    }
}
