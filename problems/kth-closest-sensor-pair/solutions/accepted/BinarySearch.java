class Solution {
    public int kthPairDistance(int[] positions, long k) {
        int[] s = positions.clone();
        Arrays.sort(s);
        long lo = 0, hi = s[s.length - 1] - s[0];
        while (lo < hi) {
            long mid = (lo + hi) / 2, count = 0;
            int left = 0;
            for (int right = 0; right < s.length; right++) {
                while (s[right] - s[left] > mid) left++;
                count += right - left;
            }
            if (count >= k) hi = mid; else lo = mid + 1;
        }
        return (int) lo;
    }
}
