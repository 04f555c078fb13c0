using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>Every user-facing failure of the renderer: its code, file, template line and hint.</summary>
public class RecipeErrorTests
{
    private static CondaRecipesException RenderFails(string metaYaml, RenderContext? context = null)
    {
        using var dir = new RecipeDirectory(metaYaml);
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, context ?? new RenderContext()))!;
        Assert.That(e.File, Is.EqualTo(dir.MetaPath()));
        Assert.That(e.Hint, Is.Not.Null.And.Not.Empty);
        return e;
    }

    [Test]
    public void Missing_recipe_directory()
    {
        string missing = Path.Combine(Path.GetTempPath(), "condarecipes-tests", "no-such-recipe-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(missing, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.RecipeDirectoryMissing));
        Assert.That(e.Message, Does.Contain(missing));
        Assert.That(e.Line, Is.EqualTo(0));
    }

    [Test]
    public void Missing_meta_yaml()
    {
        using var dir = new RecipeDirectory("x: 1", "notes.txt");
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.MetaYamlMissing));
        Assert.That(e.Message, Does.Contain("meta.yaml"));
        Assert.That(e.File, Is.EqualTo(Path.GetFullPath(dir.Path)));
    }

    [Test]
    public void Malformed_yaml_points_to_the_template_line_after_a_loop_changed_the_line_count()
    {
        var e = RenderFails("""
            {% set deps = ["a", "b", "c", "d"] %}
            package:
              name: foo
              version: 1.0
            requirements:
              run:
            {% for d in deps %}
                - {{ d }}
            {% endfor %}
            about:
              home: https://example.invalid
              summary: a: b
            """);
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.MalformedYaml));
        Assert.That(e.Line, Is.EqualTo(12));
    }

    [Test]
    public void Yaml_top_level_that_is_not_a_mapping()
    {
        var e = RenderFails("\n- just\n- a list\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.MalformedYaml));
        Assert.That(e.Line, Is.EqualTo(2));
    }

    [TestCase("package:\n  name: foo\n  version: {{ version\n", 3, "never closed")]
    [TestCase("package:\n  name: foo\n\n  version: {{ version + }}\n", 4, "Bad expression")]
    [TestCase("{% set v = 1 %}\npackage:\n  name: foo\n{% endif %}\n", 4, "no matching opening tag")]
    [TestCase("package:\n{% if true %}\n  name: foo\n", 2, "never closed by '{% endif %}'")]
    [TestCase("{% for x in [1] %}\n{% endif %}\n", 2, "endif")]
    [TestCase("{% include 'other.yaml' %}\n", 1, "Unsupported Jinja statement")]
    [TestCase("a: {{ 'unterminated }}\n", 1, "never closed")]
    [TestCase("{# a comment that never ends\npackage:\n", 1, "comment")]
    public void Jinja_syntax_errors(string template, int line, string message)
    {
        var e = RenderFails(template);
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.JinjaSyntax));
        Assert.That(e.Line, Is.EqualTo(line));
        Assert.That(e.Message, Does.Contain(message));
    }

    [Test]
    public void Undefined_variable_is_named()
    {
        var e = RenderFails("package:\n  name: foo\n  version: {{ versoin }}\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.UndefinedVariable));
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("'versoin'"));
    }

    [Test]
    public void Py_ver_without_a_python_version_is_undefined_with_a_specific_hint()
    {
        var e = RenderFails("package:\n  name: foo\n  version: 1\nbuild:\n  string: py{{ PY_VER }}\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.UndefinedVariable));
        Assert.That(e.Line, Is.EqualTo(5));
        Assert.That(e.Hint, Does.Contain("no Python version"));
    }

    [Test]
    public void Ncar_build_env_unset_says_which_variable_and_how_to_set_it()
    {
        var e = RenderFails(RecipeRendererTests.DerechoMpi4py, new RenderContext { PythonVersion = "3.11" });
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.EnvironmentVariableNotSet));
        Assert.That(e.Line, Is.EqualTo(14));
        Assert.That(e.Message, Does.Contain("NCAR_BUILD_ENV is not set"));
        Assert.That(e.Message, Does.Contain(".replace()"));
        Assert.That(e.Hint, Does.Contain("Directory.Build.props").And.Contain("environ.get('NCAR_BUILD_ENV', "));
    }

    [Test]
    public void Printing_the_none_of_an_unset_variable_is_an_error_not_the_text_None()
    {
        var e = RenderFails("package:\n  name: foo\n  version: 1\nbuild:\n  string: {{ environ.get('NCAR_BUILD_ENV') }}_1\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.EnvironmentVariableNotSet));
        Assert.That(e.Line, Is.EqualTo(5));
        Assert.That(e.Message, Does.Contain("NCAR_BUILD_ENV is not set"));
    }

    [Test]
    public void Environ_index_of_an_unset_variable()
    {
        var e = RenderFails("package:\n  name: foo\n  version: {{ environ['FOO_VERSION'] }}\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.EnvironmentVariableNotSet));
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Message, Does.Contain("FOO_VERSION"));
    }

    [Test]
    public void Selector_comparing_py_without_a_python_version()
    {
        var e = RenderFails("package:\n  name: foo\n  version: 1\nbuild:\n  number: 1  # [py>=311]\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.SelectorInvalid));
        Assert.That(e.Line, Is.EqualTo(5));
        Assert.That(e.Message, Does.Contain("no Python version"));
    }

    [Test]
    public void Selector_that_is_not_an_expression()
    {
        var e = RenderFails("package:\n  name: foo\n  version: 1\nbuild:\n  number: 1  # [linux and]\n");
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.SelectorInvalid));
        Assert.That(e.Line, Is.EqualTo(5));
    }

    [TestCase("package:\n  version: 1.0\n", RecipeErrorCodes.PackageNameMissing, 1)]
    [TestCase("package:\n  name: ''\n  version: 1.0\n", RecipeErrorCodes.PackageNameMissing, 2)]
    [TestCase("build:\n  number: 0\n", RecipeErrorCodes.PackageNameMissing, 0)]
    [TestCase("package:\n  name: foo\n  version:\n", RecipeErrorCodes.PackageVersionMissing, 3)]
    [TestCase("package:\n  name: foo\n  version: {{ none }}\n", RecipeErrorCodes.PackageVersionMissing, 3)]
    [TestCase("package:\n  name: foo\n  version: 1\nbuild:\n  number: abc\n", RecipeErrorCodes.BuildNumberNotInteger, 5)]
    [TestCase("package:\n  name: foo\n  version: 1\nbuild:\n  number: -1\n", RecipeErrorCodes.BuildNumberNotInteger, 5)]
    [TestCase("package:\n  name: foo\n  version: 1\nrequirements:\n  run:\n    pkg: 1\n", RecipeErrorCodes.FieldInvalid, 6)]
    [TestCase("package:\n  name: foo\n  version: 1\nbuild:\n  skip: maybe\n", RecipeErrorCodes.FieldInvalid, 5)]
    [TestCase("package:\n  name: foo\n  version: 1\nabout: {{ 1 / 0 }}\n", RecipeErrorCodes.JinjaEvaluation, 4)]
    [TestCase("package:\n  name: foo\n  version: {{ 'x'|bogus }}\n", RecipeErrorCodes.JinjaEvaluation, 3)]
    [TestCase("package:\n  name: foo\n  version: {{ 'x' < 1 }}\n", RecipeErrorCodes.JinjaEvaluation, 3)]
    public void Model_and_evaluation_errors(string template, string code, int line)
    {
        var e = RenderFails(template);
        Assert.That(e.Code, Is.EqualTo(code));
        Assert.That(e.Line, Is.EqualTo(line));
    }
}
