import java.util.Arrays;
import java.util.PriorityQueue;

class Solution {
    public long alertTime(int n, int[][] links, int source) {
        // Adjacency in flat arrays (CSR) to keep 6 * 10^4 links cheap.
        int[] start = new int[n + 1];
        for (int[] l : links) start[l[0] + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] to = new int[links.length], time = new int[links.length], fill = start.clone();
        for (int[] l : links) {
            to[fill[l[0]]] = l[1];
            time[fill[l[0]]++] = l[2];
        }
        // Times reach ~10^14: long distances. Heap entries are {dist, node}.
        long[] dist = new long[n];
        Arrays.fill(dist, -1);
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        heap.add(new long[] {0, source});
        int reached = 0;
        long last = 0;
        while (!heap.isEmpty()) {
            long[] top = heap.poll();
            int u = (int) top[1];
            if (dist[u] >= 0) continue;
            dist[u] = last = top[0];
            reached++;
            for (int e = start[u]; e < start[u + 1]; e++)
                if (dist[to[e]] < 0) heap.add(new long[] {top[0] + time[e], to[e]});
        }
        return reached == n ? last : -1;
    }
}
