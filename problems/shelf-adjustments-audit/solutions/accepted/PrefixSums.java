// Difference array, then prefix totals; reads all input through one
// buffered stream and writes the answers in one piece.
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;

public class Main {
    private static final DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(System.in, 1 << 16));

    private static int nextInt() throws IOException {
        int c = in.read();
        while (c == ' ' || c == '\n' || c == '\r') c = in.read();
        boolean negative = c == '-';
        if (negative) c = in.read();
        int x = 0;
        while (c >= '0' && c <= '9') {
            x = x * 10 + (c - '0');
            c = in.read();
        }
        return negative ? -x : x;
    }

    public static void main(String[] args) throws IOException {
        int n = nextInt(), m = nextInt(), q = nextInt();
        long[] diff = new long[n + 2];
        for (int i = 0; i < m; i++) {
            int l = nextInt(), r = nextInt(), v = nextInt();
            diff[l] += v;
            diff[r + 1] -= v;
        }
        long[] prefix = new long[n + 1];
        long shelf = 0;
        for (int i = 1; i <= n; i++) {
            shelf += diff[i];
            prefix[i] = prefix[i - 1] + shelf;
        }
        StringBuilder out = new StringBuilder();
        for (int j = 0; j < q; j++) {
            int a = nextInt(), b = nextInt();
            out.append(prefix[b] - prefix[a - 1]).append('\n');
        }
        PrintWriter writer = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
        writer.print(out);
        writer.flush();
    }
}
