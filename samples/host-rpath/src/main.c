#include <stdio.h>
#include "demo.h"

/* Exits 0 only when both libdemo.so (package) and libhostmpi.so (host) were found and answer. */
int main(void)
{
    int value = demo_value(), rank = host_mpi_rank();
    printf("host-rpath-demo: libdemo says %d (host rank %d)\n", value, rank);
    return value == 42 && rank == 7 ? 0 : 1;
}
