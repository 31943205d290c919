// Insertion sort: O(n^2) on random input, about 6e10 moves at n = 5e5.
#include <cstdio>
#include <vector>

int main() {
    int n;
    if (std::scanf("%d", &n) != 1) return 1;
    std::vector<int> a(n);
    for (int& x : a) std::scanf("%d", &x);
    for (int i = 1; i < n; ++i) {
        int x = a[i], j = i - 1;
        while (j >= 0 && a[j] > x) {
            a[j + 1] = a[j];
            --j;
        }
        a[j + 1] = x;
    }
    for (int i = 0; i < n; ++i) std::printf(i ? " %d" : "%d", a[i]);
    std::printf("\n");
}
