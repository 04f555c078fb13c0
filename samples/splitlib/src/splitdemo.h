#ifndef SPLITDEMO_H
#define SPLITDEMO_H
/* The C library of the split-package sample: one function the Python binding calls. */
int splitdemo_scale(int value, int factor);
const char *splitdemo_version(void);
#endif
