// Arrays.sort on int[] (dual-pivot quicksort) with a byte-level reader:
// Scanner is too slow for 5e5 numbers.
import java.io.DataInputStream;
import java.io.IOException;

public class Main {
    private static final DataInputStream in = new DataInputStream(System.in);
    private static final byte[] buffer = new byte[1 << 16];
    private static int length = 0, pos = 0;

    private static int read() throws IOException {
        if (pos == length) {
            length = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (length <= 0) return -1;
        }
        return buffer[pos++];
    }

    private static int nextInt() throws IOException {
        int c = read();
        while (c == ' ' || c == '\n' || c == '\r') c = read();
        boolean negative = c == '-';
        if (negative) c = read();
        int value = 0;
        while (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            c = read();
        }
        return negative ? -value : value;
    }

    public static void main(String[] args) throws IOException {
        int n = nextInt();
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = nextInt();
        java.util.Arrays.sort(a);
        StringBuilder out = new StringBuilder(n * 12);
        for (int i = 0; i < n; i++) {
            if (i > 0) out.append(' ');
            out.append(a[i]);
        }
        out.append('\n');
        System.out.print(out);
    }
}
