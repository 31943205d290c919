// O(n log n): a max-heap of (load, index); stale tops are dropped lazily.
class Solution {
    public int[] peakLoads(int[] loads, int k) {
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> Long.compare(b[0], a[0]));
        int[] peaks = new int[loads.length - k + 1];
        for (int i = 0; i < loads.length; i++) {
            heap.add(new long[] {loads[i], i});
            if (i >= k - 1) {
                while (heap.peek()[1] <= i - k) heap.poll();
                peaks[i - k + 1] = (int) heap.peek()[0];
            }
        }
        return peaks;
    }
}
