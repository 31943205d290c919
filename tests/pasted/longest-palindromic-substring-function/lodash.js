/**
 * @param {string} s
 * @return {string}
 */
var longestPalindrome = function(s) {
    const around = (l, r) => {
        while (l >= 0 && r < s.length && s[l] === s[r]) { l--; r++; }
        return s.slice(l + 1, r);
    };
    const candidates = _.flatMap(_.range(s.length), (i) => [around(i, i), around(i, i + 1)]);
    return _.maxBy(candidates, (p) => p.length);
};
