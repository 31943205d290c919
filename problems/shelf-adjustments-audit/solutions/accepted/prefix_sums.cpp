#include <cstdio>
#include <vector>
#include <string>

// Reads the whole input with one fread: hundreds of thousands of numbers.
static std::vector<char> buf;
static size_t at = 0;

static long long next_int() {
    while (at < buf.size() && (buf[at] == ' ' || buf[at] == '\n' || buf[at] == '\r')) at++;
    bool neg = false;
    if (at < buf.size() && buf[at] == '-') { neg = true; at++; }
    long long x = 0;
    while (at < buf.size() && buf[at] >= '0' && buf[at] <= '9') x = x * 10 + (buf[at++] - '0');
    return neg ? -x : x;
}

int main() {
    char chunk[1 << 16];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0) buf.insert(buf.end(), chunk, chunk + got);
    int n = next_int(), m = next_int(), q = next_int();
    std::vector<long long> diff(n + 2, 0), prefix(n + 1, 0);
    for (int i = 0; i < m; i++) {
        int l = next_int(), r = next_int();
        long long v = next_int();
        diff[l] += v;
        diff[r + 1] -= v;
    }
    long long shelf = 0;
    for (int i = 1; i <= n; i++) {
        shelf += diff[i];
        prefix[i] = prefix[i - 1] + shelf;
    }
    std::string out;
    out.reserve(q * 12);
    for (int j = 0; j < q; j++) {
        int a = next_int(), b = next_int();
        out += std::to_string(prefix[b] - prefix[a - 1]);
        out += '\n';
    }
    fwrite(out.data(), 1, out.size(), stdout);
}
