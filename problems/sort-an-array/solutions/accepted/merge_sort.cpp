// Hand-written bottom-up merge sort, as an OA may ask for "without the
// library sort": O(n log n) time, O(n) extra space, no recursion.
#include <iostream>
#include <vector>

int main() {
    std::ios::sync_with_stdio(false);
    std::cin.tie(nullptr);
    int n;
    std::cin >> n;
    std::vector<int> a(n), buf(n);
    for (int& x : a) std::cin >> x;
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi) buf[k++] = a[j] < a[i] ? a[j++] : a[i++];
            while (i < mid) buf[k++] = a[i++];
            while (j < hi) buf[k++] = a[j++];
        }
        std::swap(a, buf);
    }
    for (int i = 0; i < n; ++i) std::cout << (i ? " " : "") << a[i];
    std::cout << '\n';
}
