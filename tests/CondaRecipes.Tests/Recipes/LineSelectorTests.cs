using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>Line selectors through the renderer: platform, Python, variant and environment names.</summary>
public class LineSelectorTests
{
    private const string Template = """
        package:
          name: sel
          version: 1
        requirements:
          host:
            - on-linux  # [linux]
            - on-osx  # [osx]
            - on-unix  # [unix]
            - on-linux64  # [linux64]
            - on-aarch64  # [aarch64]
            - on-x86_64  # [x86_64]
            - py-new  # [py>=312]
            - py-311  # [py311]
            - py-3k  # [py3k and not py2k]
            - mpi-cray  # [mpi == 'cray-mpich']
            - mpi-cray-upper  # [MPI == "cray-mpich"]
            - cuda-12  # [CUDA_MAJOR >= 12]
            - site  # [NCAR_SITE == "derecho" and target_platform == build_platform]
            - tagged  # some comment [linux]
            - 'quoted'  # [linux]
            - flow  # [win or (linux and ppc64le)]
        """;

    private static string[] Host(RenderContext context)
    {
        using var dir = new RecipeDirectory(Template);
        return RecipeRenderer.Render(dir.Path, context).Recipe.Requirements.Host.Select(r => r.Spec).ToArray();
    }

    [Test]
    public void Linux_x86_64_python_3_11_with_variables_and_environment()
    {
        var host = Host(new RenderContext
        {
            PythonVersion = "3.11",
            Variables = new Dictionary<string, string> { ["MPI"] = "cray-mpich", ["CUDA_MAJOR"] = "12" },
            Environment = new Dictionary<string, string> { ["NCAR_SITE"] = "derecho" },
        });
        Assert.That(host, Is.EqualTo(new[]
        {
            "on-linux", "on-unix", "on-linux64", "on-x86_64", "py-311", "py-3k", "mpi-cray", "mpi-cray-upper",
            "cuda-12", "site", "tagged", "quoted",
        }));
    }

    [Test]
    public void Linux_aarch64_python_3_12()
    {
        var host = Host(new RenderContext
        {
            Architecture = "aarch64",
            PythonVersion = "3.12",
            Variables = new Dictionary<string, string> { ["MPI"] = "openmpi", ["CUDA_MAJOR"] = "11" },
            Environment = new Dictionary<string, string> { ["NCAR_SITE"] = "casper" },
        });
        Assert.That(host, Is.EqualTo(new[] { "on-linux", "on-unix", "on-aarch64", "py-new", "py-3k", "tagged", "quoted" }));
    }

    [Test]
    public void A_yaml_flow_list_without_a_hash_is_not_a_selector()
    {
        using var dir = new RecipeDirectory("package:\n  name: a\n  version: 1\nextra:\n  tags: [linux, osx]\n");
        var extra = RecipeRenderer.Render(dir.Path, new RenderContext()).Recipe.Extra;
        Assert.That(extra["tags"], Is.EqualTo(new[] { "linux", "osx" }));
    }

    [Test]
    public void Selector_names_are_jinja_globals_too()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: a
              version: {% if linux and py >= 311 %}1.0{% else %}0.9{% endif %}
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext { PythonVersion = "3.13" });
        Assert.That(rendered.Recipe.Package.Version, Is.EqualTo("1.0"));
    }
}
