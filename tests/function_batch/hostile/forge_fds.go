// expect: TLE
// attack: before computing slowly, writes forged result lines for its case
// to every descriptor from 3 to 63 (the report pipe among them): the report
// format with guessed nonces, and bare `ready`.
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
	lines := fmt.Sprintf("%s %d R %d\n%s ready\n%d R %d\nready\n", strings.Repeat("0", 32), c, 2*x, strings.Repeat("f", 32), c, 2*x)
	for fd := 3; fd < 64; fd++ {
		syscall.Write(fd, []byte(lines))
	}
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
