using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Pipeline.Stages;
using CondaRecipes.Recipes;
using CondaRecipes.Tests.Recipes;
using YamlDotNet.RepresentationModel;

namespace CondaRecipes.Tests.Pipeline.Stages;

/// <summary>
/// The meta.yaml recorded in info/recipe holds the requirements the package was made with, as conda-build's
/// finalized metadata does, instead of the render's pending pin_compatible markers.
/// </summary>
public class RecordedRecipeTests
{
    private static RenderedRecipe Render(string meta)
    {
        using var dir = new RecipeDirectory(meta);
        return RecipeRenderer.Render(dir.Path, new RenderContext { PythonVersion = "3.12" });
    }

    private static YamlMappingNode Parse(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string[] Strings(YamlNode node) => ((YamlSequenceNode)node).Select(n => n.ToString()).ToArray();

    [Test]
    public void Run_run_constrained_and_test_requires_are_the_final_ones_and_the_rest_is_as_rendered()
    {
        var rendered = Render("""
            package:
              name: pinned
              version: 2.0
            build:
              number: 3
              script: make install  # builds
            requirements:
              host:
                - libfoo
              run:
                - {{ pin_compatible('libfoo', max_pin='x.x') }}
              run_constrained:
                - {{ pin_compatible('libfoo', exact=True) }}
            test:
              requires:
                - {{ pin_compatible('libfoo') }}
              commands:
                - pinned --version
            about:
              license: MIT
            """);
        Assert.That(rendered.RenderedText, Does.Contain("libfoo pin_compatible(max_pin=x.x)"), "the render leaves the pin pending");
        var final = new FinalRequirements(["libfoo >=1.2,<2", "libfoo >=1.4.0,<1.5.0a0"], ["libfoo 1.4.0 h0123456_0"])
        {
            TestRequires = ["libfoo >=1.4.0,<2.0a0"],
        };

        var text = RecordedRecipe.Text(rendered, rendered.Outputs[0], final);

        Assert.That(text, Does.Not.Contain("pin_compatible"), text);
        var root = Parse(text);
        Assert.That(root.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "package", "build", "requirements", "test", "about" }));
        Assert.That(Strings(root["requirements"]["host"]), Is.EqualTo(new[] { "libfoo" }));
        Assert.That(Strings(root["requirements"]["run"]), Is.EqualTo(final.Depends));
        Assert.That(Strings(root["requirements"]["run_constrained"]), Is.EqualTo(final.Constrains));
        Assert.That(Strings(root["test"]["requires"]), Is.EqualTo(final.TestRequires));
        Assert.That(Strings(root["test"]["commands"]), Is.EqualTo(new[] { "pinned --version" }));
        Assert.That(root["build"]["string"].ToString(), Is.EqualTo("3"), "conda-build writes the build string it used");
        Assert.That(root["build"]["script"].ToString(), Is.EqualTo("make install"));
        Assert.That(root["package"]["version"].ToString(), Is.EqualTo("2.0"));
        Assert.That(text, Does.Contain("  version: '2.0'\n").And.Contain("  string: '3'\n"), "strings YAML would read as numbers are quoted");
        Assert.That(text, Does.Contain("  host:\n    - libfoo\n"), "lists indented under their key");
        Assert.That(text, Does.Not.EndWith("...\n"));
    }

    [Test]
    public void Run_is_written_when_only_run_exports_give_it_and_an_empty_run_constrained_is_dropped()
    {
        var rendered = Render("""
            package:
              name: plain
              version: 1
            requirements:
              host:
                - libfoo
              run_constrained:
            """);

        var text = RecordedRecipe.Text(rendered, rendered.Outputs[0], new FinalRequirements(["libfoo >=1.2,<2"], []));

        var reqs = (YamlMappingNode)Parse(text)["requirements"];
        Assert.That(reqs.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "host", "run" }));
        Assert.That(Strings(reqs["run"]), Is.EqualTo(new[] { "libfoo >=1.2,<2" }));
    }

    [Test]
    public void An_output_records_its_own_sections_without_the_outputs_list()
    {
        var rendered = Render("""
            package:
              name: top
              version: 3.1
            requirements:
              build:
                - make
            about:
              license: MIT
            outputs:
              - name: libtop
                requirements:
                  host:
                    - libfoo
                  run:
                    - {{ pin_compatible('libfoo') }}
                test:
                  commands:
                    - test -f $PREFIX/lib/libtop.so
              - name: py-top
                requirements:
                  host:
                    - python
                  run:
                    - {{ pin_compatible('python', max_pin='x.x') }}
                    - {{ pin_subpackage('libtop', exact=True) }}
            """);
        var libtop = rendered.Outputs.Single(o => o.Name == "libtop");

        var text = RecordedRecipe.Text(rendered, libtop, new FinalRequirements(["libfoo >=1.4.0,<2.0a0"], []));

        Assert.That(text, Does.Not.Contain("pin_compatible").And.Not.Contain("py-top"), text);
        var root = Parse(text);
        Assert.That(root.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "package", "build", "requirements", "test", "about" }),
            "conda-build's section order, without outputs");
        Assert.That(root["package"]["name"].ToString(), Is.EqualTo("libtop"));
        Assert.That(root["package"]["version"].ToString(), Is.EqualTo("3.1"));
        Assert.That(((YamlMappingNode)root["requirements"]).Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "host", "run" }),
            "the output's requirements, not the top level's build");
        Assert.That(Strings(root["requirements"]["run"]), Is.EqualTo(new[] { "libfoo >=1.4.0,<2.0a0" }));
        Assert.That(Strings(root["test"]["commands"]), Is.EqualTo(new[] { "test -f $PREFIX/lib/libtop.so" }));
        Assert.That(root["about"]["license"].ToString(), Is.EqualTo("MIT"), "the top level's about, the output having none");
        Assert.That(root["build"]["string"].ToString(), Is.EqualTo(libtop.BuildString));
    }

    private static ResolvedPackage Channel(string name, string version, string build, CondaRecipes.Packaging.RunExports? exports = null) =>
        new(name, version, build, "file:///channel", exports ?? new(), OnHost: false);

    /// <summary>
    /// conda-build's finalize_metadata replaces build and host by the solved environments, every package
    /// (pulled in ones too) as "name version build", sorted (render.py: package_record_to_requirement).
    /// </summary>
    [Test]
    public void Build_and_host_are_the_packages_they_resolved_to()
    {
        var rendered = Render("""
            package:
              name: ext
              version: 1.0
            requirements:
              build:
                - {{ compiler('c') }}
                - cmake
              host:
                - python
                - libfoo
              run:
                - python
            """);
        var environments = new ResolvedEnvironments
        {
            Build = [new ResolvedPackage("cmake", null, "external_host", "/usr/bin/cmake", new(), OnHost: true), Channel("gcc_linux-64", "13.2.0", "h1_0")],
            Host =
            [
                new ResolvedPackage("python", "3.12.3", "external_pyenv", "/root/.pyenv/versions/3.12.3/bin/python", new(), OnHost: true),
                Channel("libfoo", "1.4.0", "h2_0"), Channel("libzlib", "1.3.1", "h3_0"),
            ],
        };
        var final = new FinalRequirements(["python >=3.12,<3.13.0a0"], []) { Environments = environments };

        var reqs = (YamlMappingNode)Parse(RecordedRecipe.Text(rendered, rendered.Outputs[0], final))["requirements"];

        Assert.That(Strings(reqs["build"]), Is.EqualTo(new[] { "cmake", "gcc_linux-64 13.2.0 h1_0" }),
            "a host tool of unknown version stays as written");
        Assert.That(Strings(reqs["host"]), Is.EqualTo(new[] { "libfoo 1.4.0 h2_0", "libzlib 1.3.1 h3_0", "python 3.12.3 external_pyenv" }),
            "the variant's Python recorded with its external build string; libzlib pulled in by libfoo");
        Assert.That(Strings(reqs["run"]), Is.EqualTo(final.Depends));
    }

    /// <summary>
    /// Without a host section, conda-build's add_upstream_pins gives a recipe that calls compiler() the strong
    /// run_exports of its build environment as host; build is the resolved environment. A listed output keeps
    /// what it wrote: the engine resolves the variant's environments once, for the top level.
    /// </summary>
    [Test]
    public void Without_host_a_compiler_recipe_records_the_strong_exports_of_build_as_host_and_an_output_what_it_wrote()
    {
        var rendered = Render("""
            package:
              name: tool
              version: 2.1
            requirements:
              build:
                - {{ compiler('c') }}
            outputs:
              - name: tool
              - name: tool-extra
                requirements:
                  host:
                    - libfoo
            """);
        var gcc = Channel("gcc_linux-64", "13.2.0", "h1_0", new CondaRecipes.Packaging.RunExports { Strong = ["libgcc >=13"], Weak = ["libgomp"] });
        var final = new FinalRequirements(["libgcc >=13"], []) { Environments = new ResolvedEnvironments { Build = [gcc] } };

        var top = (YamlMappingNode)Parse(RecordedRecipe.Text(rendered, rendered.Outputs.Single(o => o.Name == "tool"), final))["requirements"];
        Assert.That(Strings(top["build"]), Is.EqualTo(new[] { "gcc_linux-64 13.2.0 h1_0" }));
        Assert.That(Strings(top["host"]), Is.EqualTo(new[] { "libgcc >=13" }));

        var extra = (YamlMappingNode)Parse(RecordedRecipe.Text(rendered, rendered.Outputs.Single(o => o.Name == "tool-extra"), final))["requirements"];
        Assert.That(Strings(extra["host"]), Is.EqualTo(new[] { "libfoo" }));
    }
}
