// expect: TLE
// hidden: AC TLE AC
// attack: sleeps past the limit on one case (x = 5) and answers the others
// at once: only that case may be a TLE, in batch mode as per case.
var doubleIt = function(x) {
    if (x === 5) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 6000);
    return 2 * x;
};
