import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;

class Solution {
    private int[] parent;

    private int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    public String[][] mergeRecords(String[][] records) {
        // Union-find over identifiers, numbered in order of appearance.
        int total = 0;
        for (String[] rec : records) total += rec.length - 1;
        HashMap<String, Integer> index = new HashMap<>(2 * total);
        String[] ids = new String[total], owner = new String[total];
        int n = 0;
        for (String[] rec : records)
            for (int j = 1; j < rec.length; j++)
                if (!index.containsKey(rec[j])) {
                    index.put(rec[j], n);
                    ids[n] = rec[j];
                    owner[n++] = rec[0];
                }
        parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (String[] rec : records) {
            int first = find(index.get(rec[1]));
            for (int j = 2; j < rec.length; j++) {
                int root = find(index.get(rec[j]));
                if (root != first) parent[root] = first;
            }
        }
        // Bucket the identifiers by root (counting sort), one row per root.
        int[] count = new int[n], slot = new int[n], row = new int[n];
        int groups = 0;
        for (int i = 0; i < n; i++) count[find(i)]++;
        for (int r = 0; r < n; r++)
            if (count[r] > 0) row[r] = groups++;
        String[][] merged = new String[groups][];
        for (int r = 0; r < n; r++)
            if (count[r] > 0) {
                merged[row[r]] = new String[count[r] + 1];
                merged[row[r]][0] = owner[r];
            }
        for (int i = 0; i < n; i++) {
            int r = find(i);
            merged[row[r]][++slot[r]] = ids[i];
        }
        // String order is by UTF-16 code units: plain ASCII order here.
        for (String[] g : merged) Arrays.sort(g, 1, g.length);
        // Name, then the smallest identifier (identifier sets are disjoint).
        Arrays.sort(merged, new Comparator<String[]>() {
            @Override
            public int compare(String[] a, String[] b) {
                int byName = a[0].compareTo(b[0]);
                return byName != 0 ? byName : a[1].compareTo(b[1]);
            }
        });
        return merged;
    }
}
