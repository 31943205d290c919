class Solution {
    static void siftDown(vector<int>& a, int i, int n) {
        while (true) {
            int largest = i, l = 2 * i + 1, r = l + 1;
            if (l < n && a[l] > a[largest]) largest = l;
            if (r < n && a[r] > a[largest]) largest = r;
            if (largest == i) return;
            swap(a[i], a[largest]);
            i = largest;
        }
    }
public:
    vector<int> sortArray(vector<int>& nums) {
        int n = nums.size();
        for (int i = n / 2 - 1; i >= 0; i--) siftDown(nums, i, n);
        for (int end = n - 1; end > 0; end--) {
            swap(nums[0], nums[end]);
            siftDown(nums, 0, end);
        }
        return nums;
    }
};
