/**
 * @param {number[]} nums
 * @return {number[]}
 */
var sortArray = function(nums) {
    const pq = new MaxPriorityQueue();
    nums.forEach((n) => pq.enqueue(n));
    const res = new Array(nums.length);
    for (let i = nums.length - 1; i >= 0; i--) {
        res[i] = pq.dequeue();
    }
    return res;
};
