/* The Python binding of the split-package sample: calls into libsplitdemo at run time. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "splitdemo.h"

static PyObject *scale(PyObject *self, PyObject *args)
{
    int value, factor;
    if (!PyArg_ParseTuple(args, "ii", &value, &factor)) return NULL;
    return PyLong_FromLong(splitdemo_scale(value, factor));
}

static PyObject *library_version(PyObject *self, PyObject *args)
{
    return PyUnicode_FromString(splitdemo_version());
}

static PyMethodDef methods[] = {
    {"scale", scale, METH_VARARGS, "value * factor + 1, computed by libsplitdemo"},
    {"library_version", library_version, METH_NOARGS, "the version libsplitdemo reports"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "splitdemo", NULL, -1, methods};

PyMODINIT_FUNC PyInit_splitdemo(void) { return PyModule_Create(&module); }
