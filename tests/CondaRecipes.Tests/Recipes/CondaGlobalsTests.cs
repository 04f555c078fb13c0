using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>conda-build's Jinja functions and globals as the renderer provides them.</summary>
public class CondaGlobalsTests
{
    /// <summary>The expression rendered into a free-text field (a version could not hold '-', spaces or '|').</summary>
    private static string RenderVersion(string expression, RenderContext? context = null)
    {
        using var dir = new RecipeDirectory($"package:\n  name: g\n  version: 1\nabout:\n  summary: \"{expression}\"\n");
        return RecipeRenderer.Render(dir.Path, context ?? new RenderContext()).Recipe.About.Summary!;
    }

    [TestCase("{{ compiler('c') }}", "gcc_linux-64")]
    [TestCase("{{ compiler('cxx') }}", "gxx_linux-64")]
    [TestCase("{{ compiler('fortran') }}", "gfortran_linux-64")]
    [TestCase("{{ compiler('cuda') }}", "cuda_linux-64")]
    [TestCase("{{ stdlib('c') }}", "c_linux-64")]
    [TestCase("{{ pin_compatible('numpy', max_pin='x.x') }}", "numpy pin_compatible(max_pin=x.x)")]
    [TestCase("{{ pin_compatible('numpy', None, '2.0', exact=true) }}", "numpy pin_compatible(upper_bound=2.0;exact=True)")]
    [TestCase("{{ pin_compatible('numpy', lower_bound=1.0, min_pin=None) }}", "numpy pin_compatible(min_pin=None;lower_bound=1.0)")]
    [TestCase("{{ cdt('libx11-devel') }}|{{ cdt('mesa-libgl 18.3') }}", "libx11-devel-cos6-x86_64|mesa-libgl-cos6-x86_64 18.3")]
    [TestCase("{{ load_str_data('{\"v\": [1, 2]}', 'json').v | length }}-{{ load_str_data('v: [a]', 'yaml').v[0] }}", "2-a")]
    [TestCase("{{ PY_VER }} {{ CONDA_PY }} {{ python }}", "3.12 312 3.12")]
    [TestCase("{{ CONDA_BUILD_STATE }}-{{ environ['CONDA_BUILD_STATE'] }}", "RENDER-RENDER")]
    [TestCase("{{ PYTHON }} {{ PREFIX }}", "$PYTHON $PREFIX")]
    [TestCase("{{ os.environ.get('SITE', 'x') }} {{ os.getenv('NOPE', 'y') }} {{ environ['SITE'] }}", "derecho y derecho")]
    [TestCase("{{ target_platform }} {{ linux64 }} {{ win }}", "linux-64 True False")]
    public void Globals(string expression, string expected)
    {
        var context = new RenderContext
        {
            PythonVersion = "3.12",
            Environment = new Dictionary<string, string> { ["SITE"] = "derecho" },
        };
        Assert.That(RenderVersion(expression, context), Is.EqualTo(expected));
    }

    [Test]
    public void Compiler_variant_variables_override_the_base_name_and_add_a_version()
    {
        var context = new RenderContext
        {
            Variables = new Dictionary<string, string>
            {
                ["c_compiler"] = "clang", ["cxx_compiler_version"] = ">=12", ["fortran_compiler_version"] = "13",
                ["MPI4PY_VERSION"] = "4.0.3",
            },
        };
        Assert.That(RenderVersion("{{ compiler('c') }}|{{ compiler('cxx') }}|{{ compiler('fortran') }}", context),
            Is.EqualTo("clang_linux-64|gxx_linux-64 >=12|gfortran_linux-64 13.*"));
        Assert.That(RenderVersion("{{ MPI4PY_VERSION }}-{{ mpi4py_version }}", context), Is.EqualTo("4.0.3-4.0.3"));
    }

    [Test]
    public void Stdlib_and_cdt_follow_the_variant_and_the_architecture()
    {
        var conda_forge = new RenderContext
        {
            Variables = new Dictionary<string, string> { ["c_stdlib"] = "sysroot", ["c_stdlib_version"] = "2.17", ["cdt_name"] = "conda" },
        };
        Assert.That(RenderVersion("{{ stdlib('c') }}|{{ cdt('libx11') }}", conda_forge), Is.EqualTo("sysroot_linux-64 2.17.*|libx11-conda-x86_64"));
        var aarch64 = new RenderContext { Architecture = "aarch64" };
        Assert.That(RenderVersion("{{ compiler('c') }}|{{ cdt('libx11') }}", aarch64), Is.EqualTo("gcc_linux-aarch64|libx11-cos7-aarch64"));
        var osx = new RenderContext { Platform = "osx", Architecture = "arm64" };
        Assert.That(RenderVersion("{{ compiler('c') }}|{{ compiler('cxx') }}", osx), Is.EqualTo("clang_osx-arm64|clangxx_osx-arm64"));
    }

    [Test]
    public void Pin_compatible_with_an_unknown_argument_is_a_coded_error()
    {
        using var dir = new RecipeDirectory("package:\n  name: g\n  version: 1\nrequirements:\n  run:\n    - {{ pin_compatible('numpy', maxpin='x.x') }}\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.PinArgumentInvalid));
        Assert.That(e.Line, Is.EqualTo(6));
    }
}
