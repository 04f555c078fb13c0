#include "clibdemo.h"

#ifndef PREFIX_DATA
#define PREFIX_DATA "share/clib-demo"
#endif

int clibdemo_add(int a, int b) { return a + b; }

const char *clibdemo_data_dir(void) { return PREFIX_DATA; }
