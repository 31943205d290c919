// expect: AC
// attack: none; the control: an honest solution is accepted in batch mode.
var doubleIt = function(x) {
    return 2 * x;
};
