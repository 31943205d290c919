// expect: WA
// attack: on a hidden case, writes a forged report for every case of the
// batch (guessed nonces, `ready`) to every descriptor from 3 to 63 and exits
// with status 0 without returning: nothing it forged may count.
import "syscall"

func doubleIt(x int) int64 {
	if x == 0 {
		return 0
	}
	lines := "ready\n"
	for c := 0; c < 3; c++ {
		lines += fmt.Sprintf("%s %d R %d\n", strings.Repeat("0", 32), c, 2*x)
	}
	for fd := 3; fd < 64; fd++ {
		syscall.Write(fd, []byte(lines))
	}
	os.Exit(0)
	return 0
}
