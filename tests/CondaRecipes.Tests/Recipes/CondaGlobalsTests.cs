using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>conda-build's Jinja functions and globals as the renderer provides them.</summary>
public class CondaGlobalsTests
{
    private static string RenderVersion(string expression, RenderContext? context = null)
    {
        using var dir = new RecipeDirectory($"package:\n  name: g\n  version: \"{expression}\"\n");
        return RecipeRenderer.Render(dir.Path, context ?? new RenderContext()).Recipe.Package.Version;
    }

    [TestCase("{{ compiler('c') }}", "gcc_linux-64")]
    [TestCase("{{ compiler('cxx') }}", "gxx_linux-64")]
    [TestCase("{{ compiler('fortran') }}", "gfortran_linux-64")]
    [TestCase("{{ compiler('cuda') }}", "cuda-nvcc_linux-64")]
    [TestCase("{{ stdlib('c') }}", "sysroot_linux-64")]
    [TestCase("{{ pin_compatible('numpy', max_pin='x.x') }} {{ cdt('libx11') }}", "numpy libx11")]
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
}
