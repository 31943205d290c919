// A fork bomb judged through `oaj run`.
// verdict: TLE
#include <unistd.h>
int main(void) {
    for (;;) fork();
}
