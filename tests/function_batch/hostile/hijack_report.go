// expect: AC
// attack: closes the report descriptor and points it at stdout, then
// answers honestly: the harness can no longer report, and every case must
// still get its own verdict.
import "syscall"

func doubleIt(x int) int64 {
	syscall.Dup2(1, 3)
	syscall.Close(3)
	return 2 * int64(x)
}
