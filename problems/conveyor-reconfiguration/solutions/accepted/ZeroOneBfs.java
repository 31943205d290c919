// 0-1 BFS over tiles with an int array used as a deque: following the belt
// costs 0 (pushed at the front), any other move costs 1 (pushed at the back).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.StringTokenizer;

public class Main {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer header = new StringTokenizer(in.readLine());
        int rows = Integer.parseInt(header.nextToken());
        int cols = Integer.parseInt(header.nextToken());
        char[] belt = new char[rows * cols];
        for (int r = 0; r < rows; r++) {
            String line = in.readLine().trim();
            for (int c = 0; c < cols; c++) belt[r * cols + c] = line.charAt(c);
        }
        int n = rows * cols;
        int[] dist = new int[n];
        Arrays.fill(dist, Integer.MAX_VALUE);
        // Each tile enters the deque at most once per improvement; 4n + 1 slots
        // in a ring suffice.
        int cap = 4 * n + 1;
        int[] dq = new int[cap];
        int head = 0, tail = 0;
        dist[0] = 0;
        dq[tail++] = 0;
        int[] dr = {0, 0, -1, 1}, dc = {1, -1, 0, 0};
        char[] arrow = {'>', '<', '^', 'v'};
        while (head != tail) {
            int v = dq[head];
            head = (head + 1) % cap;
            int r = v / cols, c = v % cols;
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k], nc = c + dc[k];
                if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
                int w = belt[v] == arrow[k] ? 0 : 1, u = nr * cols + nc;
                if (dist[v] + w < dist[u]) {
                    dist[u] = dist[v] + w;
                    if (w == 0) {
                        head = (head - 1 + cap) % cap;
                        dq[head] = u;
                    } else {
                        dq[tail] = u;
                        tail = (tail + 1) % cap;
                    }
                }
            }
        }
        System.out.println(dist[n - 1]);
    }
}
