class Solution:
    def doubleIt(self, x: int) -> int:
        print("debug", x)
        if x == 7:
            return 0
        if x == 13:
            raise ValueError("unlucky %d" % x)
        if x == 99:
            while True:
                pass
        return 2 * x
