// Expand around each of the 2n-1 centres: O(n^2) time, O(1) extra space.
import java.io.BufferedReader;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String s = in.readLine().trim();
        int n = s.length();
        int bestStart = 0, bestLen = 1;
        for (int centre = 0; centre < 2 * n - 1; centre++) {
            int lo = centre / 2, hi = lo + centre % 2;
            while (lo >= 0 && hi < n && s.charAt(lo) == s.charAt(hi)) {
                lo--;
                hi++;
            }
            if (hi - lo - 1 > bestLen) {
                bestLen = hi - lo - 1;
                bestStart = lo + 1;
            }
        }
        System.out.println(s.substring(bestStart, bestStart + bestLen));
    }
}
