using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes;

/// <summary>conda-build's render order: selectors and comment lines before Jinja, unknown selector names as False.</summary>
public class RenderOrderTests
{
    private const string PlatformSpecificJinja = """
        package:
          name: order
          version: 1.0
        # {{ a comment holding Jinja that would not render( }}
        requirements:
          host:
            - osx-only {{ macos_only_function() }}  # [osx]
            - always
        """;

    [Test]
    public void A_line_its_selector_drops_and_a_comment_line_never_reach_jinja()
    {
        using var dir = new RecipeDirectory(PlatformSpecificJinja);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.Recipe.Requirements.Host.Select(r => r.Spec), Is.EqualTo(new[] { "always" }));
    }

    [Test]
    public void The_same_line_kept_by_its_selector_fails_at_its_meta_yaml_line()
    {
        using var dir = new RecipeDirectory(PlatformSpecificJinja);
        var e = Assert.Throws<CondaRecipesException>(() =>
            RecipeRenderer.Render(dir.Path, new RenderContext { Platform = "osx", Architecture = "arm64" }))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.UndefinedVariable));
        Assert.That(e.Line, Is.EqualTo(7));
    }

    [Test]
    public void Errors_after_dropped_lines_name_the_meta_yaml_line()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: lines
              version: 1.0  # [linux]
              version: 2.0  # [win]
            # a comment
            requirements:
              host:
                - a  # [win]
                - b  # [win]
                - {{ undefined_name }}
            """);
        var e = Assert.Throws<CondaRecipesException>(() => RecipeRenderer.Render(dir.Path, new RenderContext()))!;
        Assert.That(e.Code, Is.EqualTo(RecipeErrorCodes.UndefinedVariable));
        Assert.That(e.Line, Is.EqualTo(10));
    }

    [Test]
    public void A_dropped_line_inside_a_block_scalar_leaves_no_empty_line()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: script
              version: 1.0
            build:
              script: |
                echo one
                echo windows  # [win]
                echo two
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.Recipe.Build.Script, Is.EqualTo(new[] { "echo one\necho two\n" }));
    }

    [Test]
    public void An_unknown_selector_name_is_false_with_a_warning_naming_the_line()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: unknown
              version: 1.0
            requirements:
              host:
                - dropped  # [cuda_enabled]
                - kept  # [not cuda_enabled]
                - also-kept  # [linux]
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.Recipe.Requirements.Host.Select(r => r.Spec), Is.EqualTo(new[] { "kept", "also-kept" }));
        Assert.That(rendered.Warnings, Has.Count.EqualTo(2));
        Assert.That(rendered.Warnings.Select(w => (w.Code, w.Line, w.File)), Is.EqualTo(new[]
        {
            (RecipeErrorCodes.UnknownSelectorName, 6, dir.MetaPath()),
            (RecipeErrorCodes.UnknownSelectorName, 7, dir.MetaPath()),
        }));
        Assert.That(rendered.Warnings[0].Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(rendered.Warnings[0].Message, Does.Contain("'cuda_enabled'"));
    }

    [Test]
    public void A_variant_variable_is_a_known_selector_name()
    {
        using var dir = new RecipeDirectory("package:\n  name: v\n  version: 1\nrequirements:\n  host:\n    - cuda  # [cuda_enabled]\n");
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext { Variables = new Dictionary<string, string> { ["cuda_enabled"] = "true" } });
        Assert.That(rendered.Recipe.Requirements.Host.Select(r => r.Spec), Is.EqualTo(new[] { "cuda" }));
        Assert.That(rendered.Warnings, Is.Empty);
    }
}
