// expect: AC
// attack: none; the control: an honest solution is accepted in batch mode.
func doubleIt(x int) int64 {
	return 2 * int64(x)
}
