#include "splitdemo.h"

int splitdemo_scale(int value, int factor) { return value * factor + 1; }

const char *splitdemo_version(void) { return SPLITDEMO_VERSION; }
