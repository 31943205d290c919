// expect: AC
// attack: none; the control: an honest solution is accepted in batch mode.
class Solution {
    public long doubleIt(int x) {
        return 2L * x;
    }
}
