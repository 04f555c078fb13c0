using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Tests.Recipes.Outputs;

/// <summary>Recipes with outputs rendered to the package set conda-build makes of them.</summary>
public class OutputsRenderTests
{
    private static RenderedRecipe Render(string meta, string? python = "3.12")
    {
        using var dir = new RecipeDirectory(meta);
        return RecipeRenderer.Render(dir.Path, new RenderContext { PythonVersion = python });
    }

    [Test]
    public void Outputs_without_a_top_level_version_take_their_own()
    {
        var r = Render("""
            package:
              name: toplevel
            outputs:
              - name: a
                version: 1
              - name: b
                version: 2
            """, python: null);
        Assert.That(r.Outputs.Select(o => o.FileNameFor(".conda")), Is.EqualTo(new[] { "a-1-0.conda", "b-2-0.conda" }));
    }

    [Test]
    public void Each_output_uses_only_the_variables_its_own_item_and_script_read()
    {
        // As conda-build's get_used_vars for outputs: a listed output sees its own list item and its .sh
        // script; the output named like the top level sees the top level outside 'outputs' and build.sh.
        using var dir = new RecipeDirectory("""
            {% set flavor_major = flavor.split('.')[0] %}
            package:
              name: toolkit
              version: 1.0
            build:
              skip: true  # [flavor == "0.9"]
            outputs:
              - name: toolkit
              - name: toolkit-core
                script: install-core.sh
              - name: toolkit-extra
                requirements:
                  run:
                    - extra-dep {{ extra_version }}
                about:
                  summary: extra parts  # [linux and extra_summary]
            """);
        dir.Write("build.sh", "make OPT=$BUILD_OPT\n");
        dir.Write("install-core.sh", "make install-core CORE=${CORE_OPT}\n");
        var r = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            Variables = new Dictionary<string, string>
            {
                ["flavor"] = "1.2", ["BUILD_OPT"] = "fast", ["CORE_OPT"] = "small", ["extra_version"] = "3", ["extra_summary"] = "yes",
            },
        });
        var used = r.Outputs.ToDictionary(o => o.Name, o => string.Join(",", o.UsedVariables.Keys));
        Assert.That(used["toolkit"], Is.EqualTo("BUILD_OPT,flavor,target_platform"));
        Assert.That(used["toolkit-core"], Is.EqualTo("CORE_OPT,target_platform"));
        Assert.That(used["toolkit-extra"], Is.EqualTo("extra_summary,extra_version,target_platform"), "a selector of its own item counts");
        Assert.That(r.Outputs.Single(o => o.Name == "toolkit-core").HashInput,
            Is.EqualTo("{\"CORE_OPT\": \"small\", \"target_platform\": \"linux-64\"}"));
    }

    [Test]
    public void Build_requirements_of_an_output_with_host_requirements_do_not_order_the_outputs()
    {
        // conda-build's _toposort_outputs skips build for a cross-capable output (one with host requirements):
        // two cross compilers that each need the other's build-platform package in build are no cycle.
        const string Compilers = """
            package:
              name: toolchain
              version: 7.5
            outputs:
              - name: cc-arm
                requirements:
                  build:
                    - cxx-arm
                  HOST
              - name: cxx-arm
                requirements:
                  build:
                    - cc-arm
                  HOST
            """;
        var r = Render(Compilers.Replace("HOST", "host:\n          - sysroot-arm"));
        Assert.That(r.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "cc-arm", "cxx-arm" }), "the order written");

        var e = Assert.Throws<CondaRecipesException>(() => Render(Compilers.Replace("HOST", "run:\n          - sysroot-arm")))!;
        Assert.That(e.Code, Is.EqualTo(CondaRecipes.Recipes.Outputs.OutputErrorCodes.OutputsCircular), "without host, build counts");
    }

    [Test]
    public void Pin_subpackage_pins_the_sibling_version_and_exact_adds_its_build_string()
    {
        var r = Render("""
            package:
              name: top
              version: 2.3.4
            outputs:
              - name: py-top
                requirements:
                  run:
                    - {{ pin_subpackage('libtop', max_pin='x.x') }}
                    - {{ pin_subpackage('libtop', exact=True) }}
              - name: libtop
            """, python: null);
        Assert.That(r.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "libtop", "py-top" }), "required outputs come first");
        Assert.That(r.Outputs[1].Recipe.Requirements.Run.Select(q => q.Spec),
            Is.EqualTo(new[] { "libtop >=2.3.4,<2.4.0a0", "libtop 2.3.4 0" }));
    }

    [Test]
    public void A_top_level_run_requirement_on_an_output_adds_the_top_level_metapackage()
    {
        var r = Render("""
            package:
              name: meta
              version: 1.0
            requirements:
              run:
                - libpart
            outputs:
              - name: libpart
            """, python: null);
        Assert.That(r.Outputs.Select(o => (o.Name, o.Output.Kind)),
            Is.EqualTo(new[] { ("libpart", OutputKind.Listed), ("meta", OutputKind.TopLevelMetapackage) }));
        Assert.That(r.Outputs[0].Output.TakesAllBuildFiles, Is.False, "an output without files or script is empty");
    }

    [Test]
    public void Pin_subpackage_of_a_name_that_is_no_output_is_a_coded_error_with_its_line()
    {
        var e = Assert.Throws<CondaRecipesException>(() => Render("""
            package:
              name: top
              version: 1.0
            requirements:
              run:
                - {{ pin_subpackage('nothere') }}
            """, python: null))!;
        Assert.That((e.Code, e.Line), Is.EqualTo(("CR1304", 6)));
    }

    [Test]
    public void A_wheel_output_is_a_coded_error_never_a_conda_package()
    {
        var e = Assert.Throws<CondaRecipesException>(() => Render("""
            package:
              name: top
              version: 1.0
            outputs:
              - name: top-wheel
                type: wheel
            """, python: null))!;
        Assert.That((e.Code, e.Line), Is.EqualTo(("CR1302", 6)));
    }
}
