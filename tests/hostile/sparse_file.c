// A huge sparse file in the work dir: the file size limit stops it.
// expect: file_size
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("sparse.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    lseek(fd, 10LL << 30, SEEK_SET);
    write(fd, "x", 1);
    return 0;
}
