// expect: TLE
// attack: forges result lines on stdout and every descriptor, adds a
// shutdown hook that forges them again, runs the slow loop inside a catch
// of every Throwable (a harness's timeout exception, an interrupt) and
// starts over on one, then exits with status 0.
class Solution {
    static int calls = 0;

    static void forge(int c, long v) {
        String lines = "S 0\nR " + c + " 0 " + v + "\n" + "f".repeat(32) + " " + c + " R " + v + "\n";
        try {
            java.io.FileOutputStream out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            out.write(lines.getBytes());
            out.flush();
        } catch (Throwable e) {
        }
        for (int fd = 3; fd < 64; fd++) {
            try (java.io.FileOutputStream out = new java.io.FileOutputStream("/proc/self/fd/" + fd, true)) {
                out.write(lines.getBytes());
            } catch (Throwable e) {
            }
        }
    }

    public long doubleIt(int x) {
        if (x == 0) return 0;
        final int c = calls++;
        final long v = 2L * x;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> forge(c, v)));
        forge(c, v);
        // Twice the 600 ms limit of CPU on any machine.
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = cpu.getCurrentThreadCpuTime() + 1_200_000_000L;
        long s = x;
        while (cpu.getCurrentThreadCpuTime() < end) {
            try {
                for (int i = 0; i < 100_000; i++) s = s * 6364136223846793005L + 1442695040888963407L;
            } catch (Throwable e) {
            }
        }
        forge(c, v);
        System.exit(0);
        return v + (s == 42 ? 1 : 0);
    }
}
