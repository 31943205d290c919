import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer in = new StreamTokenizer(new BufferedInputStream(System.in));
        in.nextToken();
        int n = (int) in.nval;
        long[] cost = new long[n];
        for (int i = 0; i < n; i++) {
            in.nextToken();
            cost[i] = (long) in.nval;
        }
        long above1 = 0, above2 = 0;
        for (int i = n - 1; i >= 0; i--) {
            long here = cost[i] + Math.min(above1, above2);
            above2 = above1;
            above1 = here;
        }
        System.out.println(n >= 2 ? Math.min(above1, above2) : 0);
    }
}
