#include "v1demo.h"

int sitelog_level(void);

int v1demo_combine(int a, int b) { return a * b + sitelog_level(); }

const char *v1demo_version(void) { return V1DEMO_VERSION; }
