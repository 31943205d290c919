// expect: AC
// attack: corrupts its own module-level state on the first hidden call, so
// every later call in the same process answers 2x + 1. One process per case
// answers every case right; batch mode must too (a failing case reruns
// alone).
let used = false;

var doubleIt = function(x) {
    if (used) return 2 * x + 1;
    used = x !== 0;
    return 2 * x;
};
