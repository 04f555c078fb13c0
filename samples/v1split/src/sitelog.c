/* Stands for a library of the site's software tree (outside any conda prefix). */
int sitelog_level(void) { return 3; }
