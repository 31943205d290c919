var doubleIt = function(x) {
    console.log("debug", x);
    if (x === 7) return 0;
    if (x === 13) throw new RangeError("unlucky " + x);
    if (x === 99) { let spin = 0; while (spin >= 0) spin = (spin + 1) % 1000; }
    return 2 * x;
};
