// expect: TLE
// sample: TLE
// attack: precomputes for twice the limit at the top level of the file,
// before the harness runs, so every call is instant and a batch would pay
// the precomputation once.
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const end = cpu() + 1800000;
let table = 1;
while (cpu() < end) table = (table * 31 + 7) % 1000003;

var doubleIt = function(x) {
    return 2 * x + (table === -1 ? 1 : 0);
};
