using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>Whole recipes rendered from recipe directories: the Derecho mpi4py recipe, a conda-forge-style one.</summary>
public class RecipeRendererTests
{
    // The mpi4py recipe as NCAR builds it on Derecho: version from the Makefile's MPI4PY_VERSION, a site
    // build string from NCAR_BUILD_ENV, build number 1000 to win over channel builds, host RPATHs kept.
    internal const string DerechoMpi4py = """
        {% set name = "mpi4py" %}
        {% set version = environ.get('MPI4PY_VERSION', '4.0.3') %}

        package:
          name: {{ name|lower }}
          version: {{ version }}

        source:
          url: https://pypi.io/packages/source/{{ name[0] }}/{{ name }}/{{ name }}-{{ version }}.tar.gz
          sha256: 4fbb8db2ffd8b3ad7b2f8ab5b2fc0a5b9cb1e0bd80a4d51d3e1b0bbbb2bb1b2c

        build:
          number: 1000
          string: {{ environ.get('NCAR_BUILD_ENV').replace('-','_') }}_py{{ PY_VER }}_{{ PKG_BUILDNUM }}
          script: {{ PYTHON }} -m pip install . -vv --no-deps --no-build-isolation
          script_env:
            - MPICC
            - NCAR_BUILD_ENV
          host_runpath_whitelist:
            - /opt/cray/*
            - /glade/u/apps/*
          missing_dso_whitelist:
            - '*/libmpi_cray.so.12'
            - '*/libfabric.so.1'

        requirements:
          build:
            - {{ compiler('c') }}  # [not osx]
          host:
            - python
            - pip
            - setuptools >=40.9
            - cython >=3.0  # [py>=311]
            - cython <3.0  # [py<311]
          run:
            - python
            - libfabric  # [linux]

        test:
          imports:
            - mpi4py
            - mpi4py.MPI
          commands:
            - python -c "import mpi4py; print(mpi4py.__version__)"

        about:
          home: https://mpi4py.github.io/
          license: BSD-3-Clause
          license_file: LICENSE.rst
          summary: Python bindings for MPI

        extra:
          recipe-maintainers:
            - ncar-hpcd
        """;

    private static RenderContext Derecho(string python, params (string Key, string Value)[] variables) => new()
    {
        PythonVersion = python,
        Variables = variables.ToDictionary(v => v.Key, v => v.Value),
        Environment = new Dictionary<string, string> { ["NCAR_BUILD_ENV"] = "derecho-gcc-12.4", ["MPICC"] = "cc" },
    };

    [Test]
    public void Derecho_mpi4py_renders_with_site_build_string_and_host_rpath_policy()
    {
        using var dir = new RecipeDirectory(DerechoMpi4py);
        var rendered = RecipeRenderer.Render(dir.Path, Derecho("3.11"));
        var r = rendered.Recipe;

        Assert.That(r.Package, Is.EqualTo(new RecipePackage("mpi4py", "4.0.3")));
        Assert.That(r.Sources, Has.Count.EqualTo(1));
        Assert.That(r.Sources[0].Urls, Is.EqualTo(new[] { "https://pypi.io/packages/source/m/mpi4py/mpi4py-4.0.3.tar.gz" }));
        Assert.That(r.Sources[0].Sha256, Is.EqualTo("4fbb8db2ffd8b3ad7b2f8ab5b2fc0a5b9cb1e0bd80a4d51d3e1b0bbbb2bb1b2c"));
        Assert.That(r.Sources[0].Line, Is.EqualTo(9));
        Assert.That(r.Build.Number, Is.EqualTo(1000));
        Assert.That(r.Build.String, Is.EqualTo("derecho_gcc_12.4_py3.11_1000"));
        Assert.That(r.Build.Script, Is.EqualTo(new[] { "$PYTHON -m pip install . -vv --no-deps --no-build-isolation" }));
        Assert.That(r.Build.ScriptEnv, Is.EqualTo(new[] { "MPICC", "NCAR_BUILD_ENV" }));
        Assert.That(r.Build.HostRunpathWhitelist, Is.EqualTo(new[] { "/opt/cray/*", "/glade/u/apps/*" }));
        Assert.That(r.Build.MissingDsoWhitelist, Is.EqualTo(new[] { "*/libmpi_cray.so.12", "*/libfabric.so.1" }));
        Assert.That(r.Build.Rpaths, Is.EqualTo(new[] { "lib" }));
        Assert.That(r.Requirements.Build.Select(q => q.Spec), Is.EqualTo(new[] { "gcc_linux-64" }));
        Assert.That(r.Requirements.Host.Select(q => q.Spec), Is.EqualTo(new[] { "python", "pip", "setuptools >=40.9", "cython >=3.0" }));
        Assert.That(r.Requirements.Host[3].Line, Is.EqualTo(33), "requirements keep their template line");
        Assert.That(r.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "python", "libfabric" }));
        Assert.That(r.Test.Imports, Is.EqualTo(new[] { "mpi4py", "mpi4py.MPI" }));
        Assert.That(r.Test.Commands, Is.EqualTo(new[] { "python -c \"import mpi4py; print(mpi4py.__version__)\"" }));
        Assert.That(r.About.License, Is.EqualTo("BSD-3-Clause"));
        Assert.That(r.About.LicenseFiles, Is.EqualTo(new[] { "LICENSE.rst" }));
        Assert.That(r.Extra["recipe-maintainers"], Is.EqualTo(new[] { "ncar-hpcd" }));

        Assert.That(rendered.BuildString, Is.EqualTo("derecho_gcc_12.4_py3.11_1000"));
        Assert.That(rendered.Subdir, Is.EqualTo("linux-64"));
        Assert.That(rendered.FileName, Is.EqualTo("mpi4py-4.0.3-derecho_gcc_12.4_py3.11_1000.conda"));
        Assert.That(rendered.FileNameFor(".tar.bz2"), Is.EqualTo("mpi4py-4.0.3-derecho_gcc_12.4_py3.11_1000.tar.bz2"));
        Assert.That(rendered.TemplatePath, Is.EqualTo(dir.MetaPath()));
        Assert.That(rendered.TemplateText, Is.EqualTo(DerechoMpi4py));
        Assert.That(rendered.RenderedText, Does.Contain("  - cython >=3.0\n").And.Not.Contain("# ["));
    }

    [Test]
    public void Derecho_mpi4py_variant_variable_reaches_environ_and_selectors_follow_python()
    {
        using var dir = new RecipeDirectory(DerechoMpi4py);
        var rendered = RecipeRenderer.Render(dir.Path, Derecho("3.10", ("MPI4PY_VERSION", "3.1.6")));

        Assert.That(rendered.Recipe.Package.Version, Is.EqualTo("3.1.6"));
        Assert.That(rendered.Recipe.Sources[0].Urls[0], Does.EndWith("/mpi4py-3.1.6.tar.gz"));
        Assert.That(rendered.Recipe.Requirements.Host.Select(q => q.Spec), Does.Contain("cython <3.0").And.Not.Contain("cython >=3.0"));
        Assert.That(rendered.BuildString, Is.EqualTo("derecho_gcc_12.4_py3.10_1000"));
        Assert.That(rendered.UsedVariables, Is.EqualTo(new Dictionary<string, string>
        {
            ["MPI4PY_VERSION"] = "3.1.6", ["python"] = "3.10", ["target_platform"] = "linux-64",
        }));
    }

    [Test]
    public void Environment_wins_over_a_variant_variable_of_the_same_name()
    {
        using var dir = new RecipeDirectory(DerechoMpi4py);
        var context = Derecho("3.12", ("MPI4PY_VERSION", "3.1.6")) with
        {
            Environment = new Dictionary<string, string> { ["NCAR_BUILD_ENV"] = "derecho", ["MPI4PY_VERSION"] = "4.0.1" },
        };
        Assert.That(RecipeRenderer.Render(dir.Path, context).Recipe.Package.Version, Is.EqualTo("4.0.1"));
    }

    internal const string CondaForgeStyle = """
        {% set name = "PyHello" %}
        {% set version = "2.1.0" %}
        {% set major_minor = version.split('.')[:2] | join('.') %}
        {% set extras = ["numpy", "packaging"] %}

        package:
          name: {{ name|lower }}
          version: {{ version }}

        source:
          - url: https://example.invalid/{{ name }}-{{ version }}.tar.gz
            sha256: 0000000000000000000000000000000000000000000000000000000000000001
            fn: {{ name|lower }}-{{ version }}.tar.gz
            patches:
              - fix-build.patch
          - git_url: https://example.invalid/data.git
            git_rev: v{{ major_minor }}
            git_depth: 1
            folder: data
          - path: ../local-src
            folder: local

        build:
          number: 2
          skip: true  # [win]
          run_exports:
            - {{ pin_subpackage(name|lower, max_pin='x.x') }}
          missing_dso_allowlist:
            - /usr/lib64/libcuda.so.1
          rpaths:
            - lib/
            - lib/{{ name|lower }}
          binary_relocation:
            - lib/*.so
          entry_points:
            - hello = pyhello.cli:main

        requirements:
          build:
            - {{ compiler('c') }}
            - {{ compiler('cxx') }}
            - {{ stdlib('c') }}
            - cmake
          host:
            - python
            - pip
            - {{ mpi }}
          {%- for dep in extras %}
            - {{ dep }}
          {%- endfor %}
          run:
            - python
            - {{ mpi }}
            - {{ pin_compatible('numpy') }}
          run_constrained:
            - pyhello-data {{ major_minor }}.*

        test:
          requires:
            - pytest
          source_files:
            - tests/
          commands:
            - pytest tests  # [linux64]
            - hello --version

        about:
          home: https://example.invalid/pyhello
          license: MIT
          license_family: MIT
          license_file:
            - LICENSE
            - NOTICE
          summary: A greeting, compiled
          description: |
            Says hello
            from C.
          dev_url: https://example.invalid/pyhello/src
          doc_url: https://example.invalid/pyhello/docs
        """;

    private static RenderContext CondaForgeContext => new()
    {
        PythonVersion = "3.11",
        Variables = new Dictionary<string, string>
        {
            ["c_compiler"] = "gcc", ["c_compiler_version"] = "13", ["cxx_compiler"] = "gxx",
            ["mpi"] = "openmpi", ["numpy"] = "1.26", ["cuda_compiler_version"] = "None",
        },
    };

    [Test]
    public void Conda_forge_style_recipe_with_set_for_compilers_and_several_sources()
    {
        using var dir = new RecipeDirectory(CondaForgeStyle);
        var rendered = RecipeRenderer.Render(dir.Path, CondaForgeContext);
        var r = rendered.Recipe;

        Assert.That(r.Package, Is.EqualTo(new RecipePackage("pyhello", "2.1.0")));
        Assert.That(r.Sources, Has.Count.EqualTo(3));
        Assert.That(r.Sources[0].FileName, Is.EqualTo("pyhello-2.1.0.tar.gz"));
        Assert.That(r.Sources[0].Patches, Is.EqualTo(new[] { "fix-build.patch" }));
        Assert.That(r.Sources[1].GitUrl, Is.EqualTo("https://example.invalid/data.git"));
        Assert.That(r.Sources[1].GitRev, Is.EqualTo("v2.1"));
        Assert.That(r.Sources[1].GitDepth, Is.EqualTo(1));
        Assert.That(r.Sources[1].Folder, Is.EqualTo("data"));
        Assert.That(r.Sources[1].Line, Is.EqualTo(16));
        Assert.That(r.Sources[1].Urls, Is.Empty);
        Assert.That(r.Sources[2].Path, Is.EqualTo("../local-src"));
        Assert.That(r.Sources[2].Folder, Is.EqualTo("local"));

        Assert.That(r.Build.Number, Is.EqualTo(2));
        Assert.That(r.Build.Skip, Is.False, "skip: true is selected out on linux");
        Assert.That(r.Build.RunExports.Weak, Is.EqualTo(new[] { "pyhello >=2.1.0,<2.2.0a0" })); // pin_subpackage: conda-build's max_pin x.x bound
        Assert.That(r.Build.MissingDsoWhitelist, Is.EqualTo(new[] { "/usr/lib64/libcuda.so.1" }));
        Assert.That(r.Build.Rpaths, Is.EqualTo(new[] { "lib/", "lib/pyhello" }));
        Assert.That(r.Build.BinaryRelocation, Is.True);
        Assert.That(r.Build.BinaryRelocationGlobs, Is.EqualTo(new[] { "lib/*.so" }));
        Assert.That(r.Build.EntryPoints, Is.EqualTo(new[] { "hello = pyhello.cli:main" }));

        Assert.That(r.Requirements.Build.Select(q => q.Spec),
            Is.EqualTo(new[] { "gcc_linux-64 13.*", "gxx_linux-64", "c_linux-64", "cmake" }), "stdlib('c') without c_stdlib is conda-build's c_<platform>");
        Assert.That(r.Requirements.Host.Select(q => q.Spec), Is.EqualTo(new[] { "python", "pip", "openmpi", "numpy", "packaging" }));
        Assert.That(r.Requirements.Host.Select(q => q.Line), Is.EqualTo(new[] { 45, 46, 47, 49, 49 }));
        Assert.That(r.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "python", "openmpi", "numpy pin_compatible()" }),
            "pin_compatible waits for the host environment");
        Assert.That(r.Requirements.RunConstrained.Select(q => q.Spec), Is.EqualTo(new[] { "pyhello-data 2.1.*" }));

        Assert.That(r.Test.Requires, Is.EqualTo(new[] { "pytest" }));
        Assert.That(r.Test.SourceFiles, Is.EqualTo(new[] { "tests/" }));
        Assert.That(r.Test.Commands, Is.EqualTo(new[] { "pytest tests", "hello --version" }));
        Assert.That(r.About, Is.EqualTo(new RecipeAbout
        {
            Home = "https://example.invalid/pyhello", License = "MIT", LicenseFamily = "MIT",
            Summary = "A greeting, compiled", Description = "Says hello\nfrom C.\n",
            DevUrl = "https://example.invalid/pyhello/src", DocUrl = "https://example.invalid/pyhello/docs",
        } with { LicenseFiles = r.About.LicenseFiles }));
        Assert.That(r.About.LicenseFiles, Is.EqualTo(new[] { "LICENSE", "NOTICE" }));
    }

    [Test]
    public void Default_build_string_hashes_the_used_variant_variables_like_conda_build()
    {
        using var dir = new RecipeDirectory(CondaForgeStyle.Replace("  number: 2\n", "  number: 2\n  # no build/string: the default is computed\n"));
        var rendered = RecipeRenderer.Render(dir.Path, CondaForgeContext);

        // Expected value computed with the real Python 3.11 on this machine:
        //   python3 -c 'import json,hashlib; d={"c_compiler":"gcc","c_compiler_version":"13","cxx_compiler":"gxx",
        //     "mpi":"openmpi","numpy":"1.26","target_platform":"linux-64"};
        //     print(hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()[:7])'
        //   → 350a15b
        // python is left out of the hash (the py311 prefix shows it); cuda_compiler_version is unused (no
        // compiler('cuda')); numpy counts because it is a host requirement and no 'numpy x.x' pin puts it in the prefix.
        Assert.That(rendered.HashInput, Is.EqualTo(
            "{\"c_compiler\": \"gcc\", \"c_compiler_version\": \"13\", \"cxx_compiler\": \"gxx\", " +
            "\"mpi\": \"openmpi\", \"numpy\": \"1.26\", \"target_platform\": \"linux-64\"}"));
        Assert.That(rendered.BuildString, Is.EqualTo("py311h350a15b_2"));
        Assert.That(rendered.FileName, Is.EqualTo("pyhello-2.1.0-py311h350a15b_2.conda"));
        Assert.That(rendered.UsedVariables.Keys, Is.EqualTo(new[]
        {
            "c_compiler", "c_compiler_version", "cxx_compiler", "mpi", "numpy", "python", "target_platform",
        }));
        Assert.That(rendered.UsedVariables["python"], Is.EqualTo("3.11"));
    }

    [Test]
    public void Default_build_string_without_python_and_variables_is_the_number_and_noarch_has_its_subdir()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: site-config
              version: "1.10"
            build:
              noarch: generic
              number: 3
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.Recipe.Package.Version, Is.EqualTo("1.10"), "versions stay text");
        Assert.That(rendered.BuildString, Is.EqualTo("3"));
        Assert.That(rendered.Subdir, Is.EqualTo("noarch"));
        Assert.That(rendered.HashInput, Is.EqualTo("{}"));
        Assert.That(rendered.Recipe.Sources, Is.Empty);
        Assert.That(rendered.Recipe.Test.IsEmpty, Is.True);
    }

    [Test]
    public void Default_build_string_with_a_variable_used_only_through_environ()
    {
        // {"MPI4PY_VERSION": "4.0.3", "target_platform": "linux-64"} → sha1[:7] = d5bca3b (python3, as above).
        using var dir = new RecipeDirectory("""
            package:
              name: mpi4py
              version: {{ environ.get('MPI4PY_VERSION', '4.0.3') }}
            requirements:
              host:
                - python
              run:
                - python
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            PythonVersion = "3.12",
            Variables = new Dictionary<string, string> { ["MPI4PY_VERSION"] = "4.0.3", ["UNUSED"] = "x" },
        });
        Assert.That(rendered.BuildString, Is.EqualTo("py312hd5bca3b_0"));
    }

    [Test]
    public void A_numpy_pinned_x_x_gets_the_np_prefix_before_py_and_stays_out_of_the_hash()
    {
        // conda-build's build_string_from_metadata: np (2 places) then py, from the version each requirement
        // writes; numpy is excluded from the hash when pin_compatible pins it with max_pin x.x, python always.
        using var dir = new RecipeDirectory("""
            package:
              name: imagetool
              version: 2.1
            build:
              number: 4
            requirements:
              build:
                - python {{ python }}
                - numpy {{ numpy }}
              run:
                - python {{ python }}
                - {{ pin_compatible('numpy', max_pin='x.x') }}
            """);
        string Render(string numpy) => RecipeRenderer.Render(dir.Path, new RenderContext
        {
            PythonVersion = "3.12",
            Variables = new Dictionary<string, string> { ["numpy"] = numpy },
        }).BuildString;
        Assert.That(Render("1.26"), Is.EqualTo("np126py312_4"));
        Assert.That(Render("2.0"), Is.EqualTo("np20py312_4"), "two numpy variants make two packages");
    }

    [Test]
    public void The_legacy_numpy_x_x_takes_the_variants_numpy_for_its_prefix()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: oldstyle
              version: 1.0
            requirements:
              build:
                - python
                - numpy x.x
              run:
                - python
                - numpy x.x
            """);
        string Render(Dictionary<string, string> variables) =>
            RecipeRenderer.Render(dir.Path, new RenderContext { PythonVersion = "3.11", Variables = variables }).BuildString;
        Assert.That(Render(new() { ["numpy"] = "1.26" }), Is.EqualTo("np126py311_0"));
        Assert.That(Render(new()), Is.EqualTo("py311_0"), "no numpy version known: no np prefix");
    }

    [Test]
    public void Numpy_without_an_x_x_pin_gets_no_prefix_and_a_version_less_requirement_takes_the_variant()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: imagetool
              version: 2.1
            requirements:
              host:
                - python
                - numpy
              run:
                - python
                - numpy
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            PythonVersion = "3.11",
            Variables = new Dictionary<string, string> { ["numpy"] = "1.26" },
        });
        Assert.That(rendered.BuildString, Does.Match(@"^py311h[0-9a-f]{7}_0$"), "numpy is in the hash instead");
        Assert.That(rendered.HashInput, Does.Contain("\"numpy\": \"1.26\""));
    }

    [Test]
    public void Import_reads_a_template_of_the_recipe_folder_with_its_line_selectors_applied()
    {
        using var dir = new RecipeDirectory("""
            {% import 'pins.jinja' as pins %}
            package:
              name: imported
              version: {{ pins.version }}
            build:
              number: {{ pins.build_num }}
            requirements:
              host:
                - zlib {{ pins.zlib }}
            """);
        dir.Write("pins.jinja", """
            {% set version = "2.4" %}
            {% set build_num = 1 %}  # [win]
            {% set build_num = 6 %}  # [linux]
            {% set zlib = mpi_flavour ~ "-1.3" %}
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            Variables = new Dictionary<string, string> { ["mpi_flavour"] = "openmpi" },
        });
        Assert.That(rendered.DistName, Is.EqualTo("imported-2.4-6"), "the linux line of pins.jinja sets build_num");
        Assert.That(rendered.Recipe.Requirements.Host.Select(r => r.Spec), Is.EqualTo(new[] { "zlib openmpi-1.3" }), "the globals reach the import");

        using var missing = new RecipeDirectory("package:\n  name: m\n  version: 1\n{% import 'absent.jinja' as a %}\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(missing.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.JinjaEvaluation));
        Assert.That(e.Line, Is.EqualTo(4));

        // A template outside the recipe folder is not found, as with Jinja's file-system loader, even when it exists.
        var name = $"outside-{Guid.NewGuid():N}.jinja";
        using var outside = new RecipeDirectory($"package:\n  name: o\n  version: 1\n{{% import '../{name}' as a %}}\n");
        var beside = Path.Combine(Path.GetDirectoryName(outside.Path)!, name);
        File.WriteAllText(beside, "{% set x = 1 %}");
        try
        {
            var o = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(outside.Path, new RenderContext()))!;
            Assert.That((o.Code, o.Line), Is.EqualTo((RecipeErrorCodes.JinjaEvaluation, 4)));
            Assert.That(o.Message, Does.Contain($"'../{name}' is not in the recipe folder"));
        }
        finally { File.Delete(beside); }
    }

    [Test]
    public void Pkg_globals_come_from_a_first_pass_and_meta_yml_is_accepted()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: tool
              version: 1.2.3
            build:
              number: 7  # [linux]
              number: 8  # [osx]
              string: {{ PKG_NAME }}_{{ PKG_VERSION.split('.')[0] }}_{{ PKG_BUILDNUM }}
            """, "meta.yml");
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.BuildString, Is.EqualTo("tool_1_7"));
        Assert.That(rendered.TemplatePath, Does.EndWith("meta.yml"));
    }

    [Test]
    public void Empty_sections_and_legacy_keys_are_accepted()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: empty
              version: 0.1
            source:
            build:
              noarch_python: true
              runpath_whitelist: /opt/a/*
              runpath_allowlist:
                - /opt/b/*
              binary_relocation: false
              run_exports:
                strong:
                  - empty >=0.1
            requirements:
              build:
                -
            test:
            about:
            extra:
            """);
        var r = RecipeRenderer.Render(dir.Path, new RenderContext()).Recipe;
        Assert.That(r.Sources, Is.Empty);
        Assert.That(r.Build.Noarch, Is.EqualTo("python"));
        Assert.That(r.Build.RunpathWhitelist, Is.EqualTo(new[] { "/opt/a/*", "/opt/b/*" }));
        Assert.That(r.Build.BinaryRelocation, Is.False);
        Assert.That(r.Build.RunExports.Strong, Is.EqualTo(new[] { "empty >=0.1" }));
        Assert.That(r.Build.RunExports.Weak, Is.Empty);
        Assert.That(r.Requirements.Build, Is.Empty);
        Assert.That(r.Extra, Is.Empty);
    }

    [Test]
    public void Parsed_template_is_reused_until_the_file_changes()
    {
        using var dir = new RecipeDirectory(DerechoMpi4py);
        var first = RecipeRenderer.Render(dir.Path, Derecho("3.11"));
        var second = RecipeRenderer.Render(dir.Path, Derecho("3.12"));
        Assert.That(second.TemplateText, Is.SameAs(first.TemplateText), "the cached text (and parse) is reused");

        File.WriteAllText(dir.MetaPath(), DerechoMpi4py.Replace("number: 1000", "number: 1001"));
        File.SetLastWriteTimeUtc(dir.MetaPath(), DateTime.UtcNow.AddSeconds(5));
        var third = RecipeRenderer.Render(dir.Path, Derecho("3.12"));
        Assert.That(third.Recipe.Build.Number, Is.EqualTo(1001));
    }

    [Test]
    public void Run_exports_of_every_kind_are_read_and_compiler_use_is_recorded()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: libbar
              version: 2.0
            build:
              run_exports:
                weak:
                  - libbar >=2.0,<3
                strong: [libbar-rt 2.*]
                noarch: [libbar]
                weak_constrains: [libbar-doc 2.*]
                strong_constrains: [libbar-abi 2]
            requirements:
              build:
                - {{ compiler('c') }}
            """);
        var r = RecipeRenderer.Render(dir.Path, new RenderContext());
        var exports = r.Recipe.Build.RunExports;
        Assert.That((exports.Weak, exports.Strong, exports.Noarch, exports.WeakConstrains, exports.StrongConstrains),
            Is.EqualTo((new[] { "libbar >=2.0,<3" }, new[] { "libbar-rt 2.*" }, new[] { "libbar" }, new[] { "libbar-doc 2.*" }, new[] { "libbar-abi 2" })));
        Assert.That(r.UsesCompilerFunction, Is.True);
    }
}
