// Makes the compiler read an endless file. The compile run must end within
// its limits, as a failure.
// phase: compile
// expect: exit | cpu_time | wall_time | memory | output | signal
// limits: cpu_ms=3000 memory_mb=256
#include "/dev/random"
int main(void) { return 0; }
