// Writes to stdout without end.
public class Main {
    public static void main(String[] args) {
        String line = "x".repeat(1 << 16);
        while (true) System.out.println(line);
    }
}
