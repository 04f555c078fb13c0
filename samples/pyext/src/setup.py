from setuptools import Extension, setup

setup(
    packages=["pyext_demo"],
    ext_modules=[Extension("pyext_demo._speedups", ["pyext_demo/_speedups.c"])],
)
