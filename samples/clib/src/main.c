#include <stdio.h>
#include <stdlib.h>
#include "clibdemo.h"

int main(int argc, char **argv)
{
    int a = argc > 1 ? atoi(argv[1]) : 1;
    int b = argc > 2 ? atoi(argv[2]) : 2;
    printf("%d + %d = %d (data in %s)\n", a, b, clibdemo_add(a, b), clibdemo_data_dir());
    return clibdemo_add(a, b) == a + b ? 0 : 1;
}
