// Reads past the end of an array: an uncaught ArrayIndexOutOfBoundsException, exit code 1.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long[] values = {in.nextLong(), in.nextLong()};
        System.out.println(values[0] + values[2]);
    }
}
