// expect: WA
// attack: a wrong answer (2x + 1) that claims to have passed: writes
// "passed" lines, old-format result lines and report lines with a guessed
// nonce to stdout and every descriptor.
class Solution {
    static int calls = 0;

    public long doubleIt(int x) {
        if (x == 0) return 0;
        int c = calls++;
        long wrong = 2L * x + 1;
        String lines = "AC\npassed " + c + "\nR " + c + " 0 " + wrong + "\n" + "0".repeat(32) + " " + c + " R " + wrong + "\n";
        for (int fd = 1; fd < 64; fd++) {
            try (java.io.FileOutputStream out = new java.io.FileOutputStream("/proc/self/fd/" + fd, true)) {
                out.write(lines.getBytes());
            } catch (Throwable e) {
            }
        }
        return wrong;
    }
}
