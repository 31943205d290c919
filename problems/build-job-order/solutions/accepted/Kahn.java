import java.util.ArrayList;
import java.util.List;

class Solution {
    public int[] buildOrder(int n, int[][] dependencies) {
        // Kahn's algorithm; jobs on a cycle never become ready.
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        int[] waiting = new int[n];
        for (int[] d : dependencies) {
            out.get(d[0]).add(d[1]);
            waiting[d[1]]++;
        }
        int[] order = new int[n];
        int size = 0;
        for (int v = 0; v < n; v++)
            if (waiting[v] == 0) order[size++] = v;
        for (int head = 0; head < size; head++)
            for (int w : out.get(order[head]))
                if (--waiting[w] == 0) order[size++] = w;
        return size == n ? order : new int[0];
    }
}
