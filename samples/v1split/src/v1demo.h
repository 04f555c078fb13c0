#ifndef V1DEMO_H
#define V1DEMO_H
/* a * b + the site's log level */
int v1demo_combine(int a, int b);
const char *v1demo_version(void);
#endif
