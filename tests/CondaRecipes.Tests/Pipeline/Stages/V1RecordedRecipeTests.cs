using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Stages;
using CondaRecipes.Recipes;
using CondaRecipes.Tests.Recipes;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Tests.Pipeline.Stages;

/// <summary>
/// info/recipe/rendered_recipe.yaml of a recipe.yaml package, in rattler-build's shape: the rendered recipe under
/// <c>recipe</c> (a pin_compatible call as rattler-build serializes it, a mapping with its bounds), and under
/// <c>finalized_dependencies</c> what build and host resolved to and the final run requirements.
/// </summary>
public class V1RecordedRecipeTests
{
    private static YamlMappingNode Parse(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static YamlSequenceNode Seq(YamlNode node, string key) => (YamlSequenceNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlMappingNode)node)[key].ToString();

    [Test]
    public void No_pending_marker_remains_and_the_finalized_dependencies_say_where_each_requirement_came_from()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: pinned
              version: "2.0"
            build:
              number: 1
            requirements:
              build:
                - cmake
              host:
                - libfoo
              run:
                - ${{ pin_compatible('libfoo', upper_bound='x.x') }}
                - zlib
              run_constraints:
                - ${{ pin_compatible('libfoo', exact=true) }}
            """, "recipe.yaml");
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        Assert.That(rendered.RenderedText, Does.Contain("pin_compatible("), "the render leaves the pin pending");
        var exports = new CondaRecipes.Packaging.RunExports { Weak = ["libfoo >=1.4.0,<2.0a0"] };
        var environments = new ResolvedEnvironments
        {
            Build = [new ResolvedPackage("cmake", null, "external_host", "/usr/bin/cmake", new(), OnHost: true)],
            Host = [new ResolvedPackage("libfoo", "1.4.0", "h0123456_0", "file:///channel/", exports, OnHost: false)
            {
                Archive = new InstalledArchive("linux-64", "libfoo-1.4.0-h0123456_0.conda", "ab12"),
            }],
        };
        var final = new FinalRequirements(["libfoo >=1.4.0,<1.5.0a0", "libfoo >=1.4.0,<2.0a0", "zlib"], ["libfoo 1.4.0 h0123456_0"])
        {
            Environments = environments,
        };

        var text = V1RecordedRecipe.Text(rendered, rendered.Outputs[0], final);

        Assert.That(text, Does.Not.Contain("pin_compatible("), text);
        var root = Parse(text);
        Assert.That(root.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "recipe", "build_configuration", "finalized_dependencies" }));
        var recipe = Map(root, "recipe");
        Assert.That(Scalar(Map(recipe, "package"), "name"), Is.EqualTo("pinned"));
        Assert.That(text, Does.Contain("    version: '2.0'\n"), "a version stays a string");
        Assert.That(Scalar(Map(recipe, "build"), "string"), Is.EqualTo(rendered.Outputs[0].BuildString), "the build string it was built with");
        var run = Seq(Map(recipe, "requirements"), "run");
        var pin = (YamlMappingNode)((YamlMappingNode)run[0])["pin_compatible"];
        Assert.That(Scalar(pin, "name"), Is.EqualTo("libfoo"));
        Assert.That(Scalar(pin, "lower_bound"), Is.EqualTo("x.x.x.x.x.x"), "the default lower bound is written, as rattler-build does");
        Assert.That(Scalar(pin, "upper_bound"), Is.EqualTo("x.x"));
        Assert.That(run[1].ToString(), Is.EqualTo("zlib"));
        var exact = (YamlMappingNode)((YamlMappingNode)Seq(Map(recipe, "requirements"), "run_constraints")[0])["pin_compatible"];
        Assert.That(Scalar(exact, "exact"), Is.EqualTo("true"));

        var finalized = Map(root, "finalized_dependencies");
        var host = Map(finalized, "host");
        Assert.That(Scalar(Seq(host, "specs")[0], "source"), Is.EqualTo("libfoo"));
        var libfoo = (YamlMappingNode)Seq(host, "resolved")[0];
        Assert.That(Scalar(libfoo, "name"), Is.EqualTo("libfoo"));
        Assert.That(Scalar(libfoo, "version"), Is.EqualTo("1.4.0"));
        Assert.That(Scalar(libfoo, "build"), Is.EqualTo("h0123456_0"));
        Assert.That(Scalar(libfoo, "fn"), Is.EqualTo("libfoo-1.4.0-h0123456_0.conda"));
        Assert.That(Scalar(libfoo, "channel"), Is.EqualTo("file:///channel/"));
        Assert.That(Seq(Map(finalized, "build"), "resolved"), Is.Empty, "cmake came from the host system, not a channel");

        var depends = Seq(Map(finalized, "run"), "depends").Cast<YamlMappingNode>().ToList();
        Assert.That(depends, Has.Count.EqualTo(3));
        Assert.That(Scalar(depends[0], "pin_compatible"), Is.EqualTo("libfoo"));
        Assert.That(Scalar(depends[0], "upper_bound"), Is.EqualTo("x.x"));
        Assert.That(Scalar(depends[0], "spec"), Is.EqualTo("libfoo >=1.4.0,<1.5.0a0"));
        Assert.That(Scalar(depends[1], "spec"), Is.EqualTo("libfoo >=1.4.0,<2.0a0"));
        Assert.That(Scalar(depends[1], "from"), Is.EqualTo("host"));
        Assert.That(Scalar(depends[1], "run_export"), Is.EqualTo("libfoo"));
        Assert.That(Scalar(depends[2], "source"), Is.EqualTo("zlib"));
        var constraints = Seq(Map(finalized, "run"), "constraints").Cast<YamlMappingNode>().ToList();
        Assert.That(Scalar(constraints.Single(), "spec"), Is.EqualTo("libfoo 1.4.0 h0123456_0"));
        Assert.That(Scalar(constraints.Single(), "exact"), Is.EqualTo("true"));
    }

    [Test]
    public void A_listed_output_lists_only_the_resolved_packages_its_own_specs_name()
    {
        using var dir = new RecipeDirectory("""
            recipe:
              name: split
              version: "1.0"
            build:
              number: 2
            about:
              license: MIT
            outputs:
              - package:
                  name: libsplit
                requirements:
                  host:
                    - zlib
                about:
                  summary: the library
              - package:
                  name: split-tools
            """, "recipe.yaml");
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext());
        var output = rendered.Outputs.Single(o => o.Name == "libsplit");
        var environments = new ResolvedEnvironments
        {
            Host = [new ResolvedPackage("zlib", "1.3.1", "h1_0", "file:///channel/", new(), OnHost: false),
                new ResolvedPackage("libfoo", "1.4.0", "h2_0", "file:///channel/", new(), OnHost: false)],
        };

        var text = V1RecordedRecipe.Text(rendered, output, new FinalRequirements([], []) { Environments = environments });

        var host = Map(Map(Parse(text), "finalized_dependencies"), "host");
        Assert.That(Seq(host, "resolved").Select(r => Scalar(r, "name")), Is.EqualTo(new[] { "zlib" }));
        Assert.That(text, Does.Contain("\n  build: null\n"), "no build requirements: null, as rattler-build writes it");

        var recipe = Map(Parse(text), "recipe");
        Assert.That(recipe.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "package", "build", "requirements", "about" }),
            "the output's recipe, without the outputs list");
        Assert.That(Scalar(Map(recipe, "package"), "name"), Is.EqualTo("libsplit"));
        Assert.That(text, Does.Contain("    version: '1.0'\n"));
        Assert.That(Scalar(Map(recipe, "build"), "number"), Is.EqualTo("2"));
        Assert.That(Scalar(Map(recipe, "build"), "string"), Is.EqualTo(output.BuildString));
        Assert.That(Scalar(Map(recipe, "about"), "license"), Is.EqualTo("MIT"));
        Assert.That(Scalar(Map(recipe, "about"), "summary"), Is.EqualTo("the library"));
    }
}
