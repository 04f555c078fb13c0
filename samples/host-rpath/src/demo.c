#include "demo.h"

int demo_value(void) { return host_mpi_rank() * 6; }
