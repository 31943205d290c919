// Breadth-first search with an int array as the queue: O(R*C).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Main {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer header = new StringTokenizer(in.readLine());
        int rows = Integer.parseInt(header.nextToken());
        int cols = Integer.parseInt(header.nextToken());
        byte[] grid = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            String line = in.readLine().trim();
            for (int c = 0; c < cols; c++) grid[r * cols + c] = (byte) line.charAt(c);
        }
        int[] queue = new int[rows * cols];
        int islands = 0;
        for (int start = 0; start < grid.length; start++) {
            if (grid[start] != '1') continue;
            islands++;
            grid[start] = '0';
            int head = 0, tail = 0;
            queue[tail++] = start;
            while (head < tail) {
                int cell = queue[head++];
                int y = cell / cols, x = cell % cols;
                if (y > 0 && grid[cell - cols] == '1') { grid[cell - cols] = '0'; queue[tail++] = cell - cols; }
                if (y + 1 < rows && grid[cell + cols] == '1') { grid[cell + cols] = '0'; queue[tail++] = cell + cols; }
                if (x > 0 && grid[cell - 1] == '1') { grid[cell - 1] = '0'; queue[tail++] = cell - 1; }
                if (x + 1 < cols && grid[cell + 1] == '1') { grid[cell + 1] = '0'; queue[tail++] = cell + 1; }
            }
        }
        System.out.println(islands);
    }
}
