# expect: AC
# attack: none; the control: an honest solution is accepted in batch mode.
class Solution:
    def doubleIt(self, x: int) -> int:
        return 2 * x
