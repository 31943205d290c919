// expect: TLE
// sample: TLE
// attack: precomputes for twice the limit in a package-level initializer,
// before the harness's main runs, so every call is instant and a batch would
// pay the precomputation once.
import "syscall"

func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func slow() int64 {
	end, s := cpuNs()+1200000000, int64(1)
	for cpuNs() < end {
		s = s*6364136223846793005 + 1
	}
	return s
}

var table = slow()

func doubleIt(x int) int64 {
	if table == 42 {
		return 0
	}
	return 2 * int64(x)
}
