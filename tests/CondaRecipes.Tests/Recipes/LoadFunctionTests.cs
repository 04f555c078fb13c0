using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>load_file_regex, load_file_data, load_str_data, load_setup_py_data and GIT_* in the first render
/// (no source yet) and the render after the source stage.</summary>
public class LoadFunctionTests
{
    private static string NewSourceDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "condarecipes-tests", "src-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Test]
    public void Load_file_regex_reads_the_source_after_the_source_stage_and_nothing_before()
    {
        using var dir = new RecipeDirectory("""
            {% set data = load_file_regex(load_file='src/version.h', regex_pattern='VERSION "(?P<v>[0-9.]+)"') %}
            package:
              name: regex
              version: {{ data.group('v') if data else '' }}
            """);
        var first = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(first.NeedsSource, Is.True);
        Assert.That(first.Recipe.Package.Version, Is.Empty);

        var source = NewSourceDir();
        Directory.CreateDirectory(Path.Combine(source, "src"));
        File.WriteAllText(Path.Combine(source, "src", "version.h"), "#define VERSION \"4.7.1\"\n");
        var second = RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = source });
        Assert.That(second.NeedsSource, Is.False);
        Assert.That(second.Recipe.Package.Version, Is.EqualTo("4.7.1"));
    }

    [Test]
    public void Before_the_source_an_unguarded_use_renders_empty_as_in_conda_builds_first_pass()
    {
        using var dir = new RecipeDirectory("""
            {% set data = load_file_regex(load_file='configure.ac', regex_pattern='AC_INIT\(\[\w+\], \[([0-9.]+)\]') %}
            {% set meta = load_file_data('package.json') %}
            package:
              name: unguarded{{ meta.suffix | lower }}
              version: {{ data.group(1) }}
            requirements:
              run:
            {% for d in meta['dependencies'] %}
                - {{ d }}
            {% endfor %}
            """);
        var first = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(first.NeedsSource, Is.True);
        Assert.That(first.Recipe.Package.Name, Is.EqualTo("unguarded"));
        Assert.That(first.Recipe.Requirements.Run, Is.Empty);

        var source = NewSourceDir();
        File.WriteAllText(Path.Combine(source, "configure.ac"), "AC_INIT([demo], [2.71])\n");
        File.WriteAllText(Path.Combine(source, "package.json"), """{"suffix": "-JS", "dependencies": ["nodejs"]}""");
        var second = RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = source });
        Assert.That(second.DistName, Does.StartWith("unguarded-js-2.71-"));
        Assert.That(second.Recipe.Requirements.Run.Select(r => r.Spec), Is.EqualTo(new[] { "nodejs" }));
    }

    [Test]
    public void Load_file_regex_from_the_recipe_dir_needs_no_source()
    {
        using var dir = new RecipeDirectory("""
            {% set m = load_file_regex(load_file='VERSION', regex_pattern='^(\\d+)\\.(\\d+)', from_recipe_dir=True) %}
            package:
              name: regex
              version: {{ m.group(1) }}.{{ m.groups()[1] }}
            """);
        dir.Write("VERSION", "12.3\n");
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.NeedsSource, Is.False);
        Assert.That(rendered.Recipe.Package.Version, Is.EqualTo("12.3"));
    }

    [Test]
    public void A_file_missing_from_the_fetched_source_is_an_error()
    {
        using var dir = new RecipeDirectory("{% set d = load_file_data('meta.json') %}\npackage:\n  name: x\n  version: {{ d.version }}\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = NewSourceDir() }))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.LoadFailed));
        Assert.That(e.Line, Is.EqualTo(1));
    }

    [Test]
    public void Load_file_data_reads_json_and_yaml_with_their_types()
    {
        using var dir = new RecipeDirectory("""
            {% set pkg = load_file_data('package.json') %}
            {% set deps = load_file_data('deps.yml', from_recipe_dir=True) %}
            package:
              name: {{ pkg['name'] }}
              version: {{ pkg.version }}
            build:
              number: {{ pkg.build + 1 }}
            requirements:
              run:
            {% for d in deps.run %}
                - {{ d }}
            {% endfor %}
            """);
        dir.Write("deps.yml", "run:\n  - zlib >=1.2\n  - bzip2\n");
        var source = NewSourceDir();
        File.WriteAllText(Path.Combine(source, "package.json"), """{"name": "data-pkg", "version": "0.9.2", "build": 2}""");
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = source });
        Assert.That(rendered.DistName, Does.StartWith("data-pkg-0.9.2-"));
        Assert.That(rendered.Recipe.Build.Number, Is.EqualTo(3));
        Assert.That(rendered.Recipe.Requirements.Run.Select(r => r.Spec), Is.EqualTo(new[] { "zlib >=1.2", "bzip2" }));
    }

    [Test]
    public void Load_str_data_parses_json_and_toml_is_a_coded_error()
    {
        using var ok = new RecipeDirectory("""
            {% set d = load_str_data('{"v": "2.0"}', 'json') %}
            package:
              name: s
              version: {{ d.v }}
            """);
        Assert.That(RecipeRenderer.Render(ok.Path, new RenderContext()).Recipe.Package.Version, Is.EqualTo("2.0"));

        using var toml = new RecipeDirectory("package:\n  name: t\n  version: 1\nabout:\n  summary: {{ load_str_data('a = 1', 'toml') }}\n");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(toml.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.LoadFormatUnsupported));
        Assert.That(e.Line, Is.EqualTo(5));
    }

    [Test]
    public void Load_setup_py_data_captures_the_setup_keywords_with_the_given_python()
    {
        using var dir = new RecipeDirectory("""
            {% set data = load_setup_py_data() %}
            package:
              name: {{ data.get('name') }}
              version: {{ data.get('version') }}
            requirements:
              run:
            {% for r in data.get('install_requires', []) %}
                - {{ r }}
            {% endfor %}
            """);
        var source = NewSourceDir();
        File.WriteAllText(Path.Combine(source, "_version.py"), "__version__ = '3.1.4'\n");
        File.WriteAllText(Path.Combine(source, "setup.py"), """
            from setuptools import setup
            from _version import __version__
            print("setup.py output that is not the data")
            setup(name='setup-py-pkg', version=__version__, install_requires=['numpy >=1.20'], cmdclass={'x': object})
            """);
        var python = PythonOnPath();
        var first = RecipeRenderer.Render(dir.Path, new RenderContext { SetupPyPython = python });
        Assert.That(first.NeedsSource, Is.True);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = source, SetupPyPython = python });
        Assert.That(rendered.DistName, Does.StartWith("setup-py-pkg-3.1.4-"));
        Assert.That(rendered.Recipe.Requirements.Run.Select(r => r.Spec), Is.EqualTo(new[] { "numpy >=1.20" }));
        Assert.That(Directory.GetFiles(source, "*", SearchOption.AllDirectories).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "_version.py", "setup.py" }), "reading setup.py writes nothing into the source");
    }

    [TestCase("{{ GIT_DESCRIBE_TAG }}.0", RecipeErrorCodes.UndefinedVariable)]
    [TestCase("{{ environ.get('GIT_DESCRIBE_TAG', '.0') }}", RecipeErrorCodes.PackageVersionInvalid)]
    public void A_version_from_git_variables_may_start_with_a_period_before_the_source_is_fetched(string version, string finalCode)
    {
        // conda-build refuses a leading '.' only in the fully rendered version; the first pass has no GIT_* values.
        using var dir = new RecipeDirectory($"package:\n  name: describe\n  version: {version}\n");
        var first = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(first.NeedsSource, Is.True);
        Assert.That(first.Recipe.Package.Version, Is.EqualTo(".0"));

        var source = new Dictionary<string, string> { ["GIT_DESCRIBE_TAG"] = "1.4" };
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = NewSourceDir(), SourceVariables = source });
        Assert.That(rendered.Recipe.Package.Version, Does.StartWith("1.4"));
        var e = Assert.Throws<CondaRecipesException>(() =>
            RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = NewSourceDir() }))!;
        Assert.That(e.Code, Is.EqualTo(finalCode), "a source without git values: the render after the source stage is final");
    }

    [Test]
    public void A_failing_setup_py_is_a_coded_error()
    {
        using var dir = new RecipeDirectory("{% set data = load_setup_py_data() %}\npackage:\n  name: f\n  version: {{ data.version }}\n");
        var source = NewSourceDir();
        File.WriteAllText(Path.Combine(source, "setup.py"), "raise SystemExit('broken setup.py')\n");
        var e = Assert.Throws<CondaRecipesException>(() =>
            RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = source, SetupPyPython = PythonOnPath() }))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.LoadFailed));
        Assert.That(e.Message, Does.Contain("broken setup.py"));
    }

    [Test]
    public void Git_variables_are_empty_before_the_source_and_the_checkouts_after()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: git-pkg
              version: {{ GIT_DESCRIBE_TAG | replace('v', '') }}
            build:
              number: {{ GIT_DESCRIBE_NUMBER or 0 }}
              string: {{ GIT_BUILD_STR }}
            about:
              summary: {{ environ.get('GIT_FULL_HASH', 'none') }}
            """);
        var first = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(first.NeedsSource, Is.True);
        Assert.That(first.Recipe.Package.Version, Is.Empty);

        var git = new Dictionary<string, string>
        {
            ["GIT_DESCRIBE_TAG"] = "v2.5", ["GIT_DESCRIBE_NUMBER"] = "3", ["GIT_DESCRIBE_HASH"] = "gabc1234",
            ["GIT_FULL_HASH"] = "abc1234" + new string('0', 33), ["GIT_BUILD_STR"] = "3_gabc1234",
        };
        var second = RecipeRenderer.Render(dir.Path, new RenderContext { SourceDir = NewSourceDir(), SourceVariables = git });
        Assert.That(second.DistName, Is.EqualTo("git-pkg-2.5-3_gabc1234"));
        Assert.That(second.Recipe.Build.Number, Is.EqualTo(3));
        Assert.That(second.Recipe.About.Summary, Is.EqualTo(git["GIT_FULL_HASH"]));
    }

    internal static string PythonOnPath()
    {
        foreach (var d in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (File.Exists(Path.Combine(d, "python3"))) return Path.Combine(d, "python3");
        Assert.Ignore("no python3 on PATH");
        return "";
    }
}
