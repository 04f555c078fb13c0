#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "v1demo.h"

static PyObject *combine(PyObject *self, PyObject *args)
{
    int a, b;
    if (!PyArg_ParseTuple(args, "ii", &a, &b)) return NULL;
    return PyLong_FromLong(v1demo_combine(a, b));
}

static PyObject *library_version(PyObject *self, PyObject *args)
{
    return PyUnicode_FromString(v1demo_version());
}

static PyMethodDef methods[] = {
    {"combine", combine, METH_VARARGS, "a * b + the site's log level"},
    {"library_version", library_version, METH_NOARGS, "the C library's version"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "v1demo", NULL, -1, methods};

PyMODINIT_FUNC PyInit_v1demo(void) { return PyModule_Create(&module); }
