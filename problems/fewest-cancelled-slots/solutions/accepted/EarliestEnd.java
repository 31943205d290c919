class Solution {
    public int fewestCancellations(int[][] slots) {
        Arrays.sort(slots, (a, b) -> Integer.compare(a[1], b[1]));
        int kept = 0;
        long freeAt = -1;
        for (int[] s : slots) {
            if (s[0] >= freeAt) { kept++; freeAt = s[1]; }
        }
        return slots.length - kept;
    }
}
