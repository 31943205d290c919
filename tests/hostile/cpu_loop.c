// An infinite loop.
// expect: cpu_time
int main(void) {
    volatile unsigned long x = 0;
    for (;;) x++;
}
