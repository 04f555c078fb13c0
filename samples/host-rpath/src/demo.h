#ifndef DEMO_H
#define DEMO_H
int host_mpi_rank(void); /* from the host library */
int demo_value(void);    /* from libdemo.so */
#endif
