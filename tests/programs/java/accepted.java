// a+b with 64-bit arithmetic: the sum can exceed 32 bits.
// (OA Judge saves every Java submission as Main.java.)
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        System.out.println(a + b);
    }
}
