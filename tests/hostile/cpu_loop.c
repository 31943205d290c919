// An infinite loop.
// limits: cpu_ms=500 wall_ms=5000
// expect: cpu_time
int main(void) {
    volatile unsigned long x = 0;
    for (;;) x++;
}
