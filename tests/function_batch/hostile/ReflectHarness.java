// expect: TLE
// attack: through reflection, rewrites every static field of the harness's
// class Main (a flag that a watchdog reads becomes false, a start time
// becomes now, counters become 0) before and after computing slowly, tries
// to read the nonce out of System.in's buffer, and interrupts and stops
// every thread the harness may have started.
class Solution {
    /** Rewrites every static field of Main: flags false, times now, counters 0. */
    static void neuter() {
        for (java.lang.reflect.Field f : Main.class.getDeclaredFields()) {
            try {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) continue;
                f.setAccessible(true);
                Class<?> t = f.getType();
                if (t == boolean.class) f.setBoolean(null, false);
                else if (t == long.class) f.setLong(null, System.nanoTime());
                else if (t == int.class) f.setInt(null, 0);
            } catch (Throwable e) {
            }
        }
    }

    public long doubleIt(int x) {
        if (x == 0) return 0;
        neuter();
        try {
            java.lang.reflect.Field buf = java.io.BufferedInputStream.class.getDeclaredField("buf");
            buf.setAccessible(true);
            String seen = new String((byte[]) buf.get(System.in));
            String nonce = seen.split(" ")[0];
            try (java.io.FileOutputStream out = new java.io.FileOutputStream("/proc/self/fd/3", true)) {
                out.write((nonce + " 0 R " + (2L * x) + "\n").getBytes());
            }
        } catch (Throwable e) {
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t == Thread.currentThread() || !t.getName().startsWith("Thread-")) continue;
            t.interrupt();
            try {
                t.stop();
            } catch (Throwable e) {
            }
        }
        long answer = Slow.compute(x);
        // Once more at the end: a start time set now makes the call look instant.
        neuter();
        return answer;
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
