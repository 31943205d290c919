class Solution {
    public int shortestRoute(int[][] dist) {
        int n = dist.length, full = 1 << n;
        final int INF = Integer.MAX_VALUE / 2;  // a route is at most 15 * 10^6
        int[][] best = new int[full][n];
        for (int[] row : best) Arrays.fill(row, INF);
        best[1][0] = 0;
        for (int mask = 1; mask < full; mask += 2)
            for (int last = 0; last < n; last++) {
                int here = best[mask][last];
                if (here >= INF) continue;
                for (int nxt = 0; nxt < n; nxt++)
                    if ((mask >> nxt & 1) == 0) {
                        int to = mask | 1 << nxt;
                        best[to][nxt] = Math.min(best[to][nxt], here + dist[last][nxt]);
                    }
            }
        int answer = INF;
        for (int v : best[full - 1]) answer = Math.min(answer, v);
        return answer;
    }
}
