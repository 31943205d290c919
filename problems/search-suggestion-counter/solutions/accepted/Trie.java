// Array trie; each node counts the copies ending at it and passing through it.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.StringTokenizer;

public class Main {
    static int[][] next = new int[1 << 16][];
    static int[] ends = new int[1 << 16], through = new int[1 << 16];
    static int nodes = 1;

    static int newNode() {
        if (nodes == ends.length) {
            next = Arrays.copyOf(next, nodes * 2);
            ends = Arrays.copyOf(ends, nodes * 2);
            through = Arrays.copyOf(through, nodes * 2);
        }
        next[nodes] = new int[26];
        return nodes++;
    }

    static int find(String w) {  // node of w, or -1
        int v = 0;
        for (int i = 0; i < w.length(); i++) {
            v = next[v][w.charAt(i) - 'a'];
            if (v == 0) return -1;
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        next[0] = new int[26];
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        int q = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < q; i++) {
            StringTokenizer t = new StringTokenizer(in.readLine());
            String op = t.nextToken(), w = t.nextToken();
            if (op.equals("add")) {
                int v = 0;
                through[0]++;
                for (int j = 0; j < w.length(); j++) {
                    int c = w.charAt(j) - 'a';
                    if (next[v][c] == 0) {
                        int u = newNode();
                        next[v][c] = u;
                    }
                    v = next[v][c];
                    through[v]++;
                }
                ends[v]++;
            } else if (op.equals("remove")) {
                int node = find(w);
                if (node < 0 || ends[node] == 0) continue;  // not stored: nothing to do
                int v = 0;
                through[0]--;
                for (int j = 0; j < w.length(); j++) {
                    v = next[v][w.charAt(j) - 'a'];
                    through[v]--;
                }
                ends[v]--;
            } else {
                int v = find(w);
                int answer = v < 0 ? 0 : (op.equals("count") ? ends[v] : through[v]);
                out.append(answer).append('\n');
            }
        }
        System.out.print(out);
    }
}
