// expect: TLE
// attack: before computing slowly, writes report lines for its case to the
// real stdout (descriptor 1 and os.Stdout, whatever the harness pointed it
// at): the report format with a guessed nonce, and bare `ready`.
import "syscall"

var calls = 0

func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func doubleIt(x int) int64 {
	if x == 0 {
		return 0
	}
	c := calls
	calls++
	lines := fmt.Sprintf("ready\n%s %d R %d\n", strings.Repeat("0", 32), c, 2*x)
	syscall.Write(1, []byte(lines))
	os.Stdout.WriteString(lines)
	// Twice the 600 ms limit of CPU, then the answer.
	end, s := cpuNs()+1200000000, int64(x)
	for cpuNs() < end {
		s = s*6364136223846793005 + 1
	}
	if s == 42 {
		return 0
	}
	return 2 * int64(x)
}
