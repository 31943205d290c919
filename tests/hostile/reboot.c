// Calls reboot (with the harmless "disable Ctrl-Alt-Del" command) and
// kexec, and tries to load a module.
// expect: ok
// stdout: SAFE
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
    if (reboot(RB_DISABLE_CAD) == 0) printf("LEAK reboot allowed\n");
    if (syscall(SYS_kexec_load, 0, 0, 0, 0) == 0) printf("LEAK kexec allowed\n");
    if (syscall(SYS_finit_module, 0, "", 0) == 0) printf("LEAK finit_module allowed\n");
    printf("SAFE\n");
    return 0;
}
