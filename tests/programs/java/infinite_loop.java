// Spins forever; the volatile field keeps the JIT from removing the loop.
import java.util.Scanner;

public class Main {
    static volatile long spins = 0;

    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        in.nextLong();
        while (true) spins++;
    }
}
