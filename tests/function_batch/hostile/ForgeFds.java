// expect: TLE
// attack: before computing slowly, opens every descriptor from 3 to 63 as
// /proc/self/fd/N (the report pipe among them) and writes forged result
// lines to each: the old batch format, the report format with guessed
// nonces, and bare `ready`.
class Solution {
    static int calls = 0;

    public long doubleIt(int x) {
        if (x == 0) return 0;
        int c = calls++;
        long v = 2L * x;
        String lines = "R " + c + " 0 " + v + "\n" + "0".repeat(32) + " " + c + " R " + v + "\n" + c + " R " + v + "\nready\n";
        for (int fd = 3; fd < 64; fd++) {
            try (java.io.FileOutputStream out = new java.io.FileOutputStream("/proc/self/fd/" + fd, true)) {
                out.write(lines.getBytes());
            } catch (Exception e) {
            }
        }
        return Slow.compute(x);
    }
}

class Slow {
    // Twice the 600 ms limit of CPU on any machine, then the answer.
    static long compute(int x) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = cpu.getCurrentThreadCpuTime() + 1_200_000_000L;
        long s = x;
        while (cpu.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 100_000; i++) s = s * 6364136223846793005L + 1442695040888963407L;
        }
        return 2L * x + (s == 42 ? 1 : 0);
    }
}
