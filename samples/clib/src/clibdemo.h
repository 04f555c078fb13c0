#ifndef CLIBDEMO_H
#define CLIBDEMO_H
int clibdemo_add(int a, int b);
const char *clibdemo_data_dir(void);
#endif
