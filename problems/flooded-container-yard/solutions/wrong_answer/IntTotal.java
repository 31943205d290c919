// Bug: sums the water in an `int`, which wraps once the volume passes 2^31 - 1.
class Solution {
    public long trappedWater(int[] heights) {
        int left = 0, right = heights.length - 1;
        int leftMax = 0, rightMax = 0, total = 0;
        while (left < right) {
            if (heights[left] < heights[right]) {
                leftMax = Math.max(leftMax, heights[left]);
                total += leftMax - heights[left++];
            } else {
                rightMax = Math.max(rightMax, heights[right]);
                total += rightMax - heights[right--];
            }
        }
        return total;
    }
}
