// Allocates 1 GiB in 16 MiB blocks and fills each one, far beyond the heap the
// judge allows (OutOfMemoryError).
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong(), b = in.nextLong();
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] block = new byte[16 << 20];
            Arrays.fill(block, (byte) (i + 1));
            blocks.add(block);
        }
        long checksum = 0;
        for (byte[] block : blocks) checksum += block[block.length - 1];
        System.out.println(a + b + checksum % 2);
    }
}
