// expect: TLE
// hidden: AC TLE AC
// attack: sleeps past the limit on one case (x = 5) and answers the others
// at once: only that case may be a TLE, in batch mode as per case.
import "time"

func doubleIt(x int) int64 {
	if x == 5 {
		time.Sleep(5 * time.Second)
	}
	return 2 * int64(x)
}
