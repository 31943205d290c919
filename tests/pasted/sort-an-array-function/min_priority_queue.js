/**
 * @param {number[]} nums
 * @return {number[]}
 */
var sortArray = function(nums) {
    const pq = new MinPriorityQueue();
    for (const num of nums) {
        pq.enqueue(num);
    }
    const ans = [];
    while (!pq.isEmpty()) {
        ans.push(pq.dequeue());
    }
    return ans;
};
