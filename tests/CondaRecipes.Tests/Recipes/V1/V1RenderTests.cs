using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.V1;

namespace CondaRecipes.Tests.Recipes.V1;

/// <summary>recipe.yaml rendered onto the engine's model; expected values as rattler-build's documentation states them.</summary>
public class V1RenderTests
{
    private static RenderedRecipe Render(string yaml, RenderContext? context = null, Action<RecipeDirectory>? files = null)
    {
        using var dir = new RecipeDirectory(yaml, "recipe.yaml");
        files?.Invoke(dir);
        return RecipeRenderer.Render(dir.Path, context ?? new RenderContext());
    }

    private static readonly RenderContext Py312 = new()
    {
        PythonVersion = "3.12",
        Variables = new Dictionary<string, string> { ["c_compiler"] = "gcc", ["c_compiler_version"] = "13", ["c_stdlib"] = "sysroot", ["mpi"] = "openmpi" },
        Environment = new Dictionary<string, string> { ["SITE_ROOT"] = "/opt/site" },
    };

    private const string Single = """
        context:
          name: hello
          version: "1.2.3"
          major: ${{ version | split('.') | first }}
          tag: v${{ version }}-${{ major }}
        package:
          name: ${{ name }}
          version: ${{ version }}
        source:
          - url: https://example.org/${{ name }}-${{ version }}.tar.gz
            sha256: 0000000000000000000000000000000000000000000000000000000000000000
            patches:
              - fix.patch
          - git: https://example.org/${{ name }}.git
            tag: ${{ tag }}
            target_directory: extra
        build:
          number: 4
          skip:
            - win
            - match(python, "<3.10")
          script:
            - mkdir -p $PREFIX/lib
            - if: linux
              then: echo linux
              else: echo other
          python:
            entry_points:
              - hello = hello.cli:main
          dynamic_linking:
            rpath_allowlist:
              - ${{ env.get("SITE_ROOT") }}/lib
            missing_dso_allowlist:
              - /usr/lib64/libcuda.so*
        requirements:
          build:
            - ${{ compiler('c') }}
            - ${{ stdlib('c') }}
            - if: unix
              then:
                - make
                - cmake >=3.20
          host:
            - python
            - ${{ mpi }}
            - ${{ "numpy" if mpi == "mpich" }}
          run:
            - python
            - ${{ pin_compatible('numpy', upper_bound='x.x') if false else "zlib" }}
          run_constraints:
            - ${{ "hello-doc ==" ~ version }}
          run_exports:
            - ${{ name }} >=${{ version }}
          ignore_run_exports:
            by_name:
              - libgcc
            from_package:
              - ${{ compiler('c') }}
        tests:
          - python:
              imports:
                - hello
          - if: linux
            then:
              script:
                - hello --version
        about:
          homepage: https://example.org
          license: MIT
          license_file: LICENSE
          summary: Says ${{ name }}
        """;

    [Test]
    public void Single_output_recipe_renders_onto_the_model()
    {
        var r = Render(Single, Py312);
        var recipe = r.Recipe;
        Assert.That(recipe.Package, Is.EqualTo(new RecipePackage("hello", "1.2.3")));
        Assert.That(recipe.Sources, Has.Count.EqualTo(2));
        Assert.That(recipe.Sources[0].Urls, Is.EqualTo(new[] { "https://example.org/hello-1.2.3.tar.gz" }));
        Assert.That(recipe.Sources[0].Patches, Is.EqualTo(new[] { "fix.patch" }));
        Assert.That(recipe.Sources[1].GitUrl, Is.EqualTo("https://example.org/hello.git"));
        Assert.That(recipe.Sources[1].GitRev, Is.EqualTo("v1.2.3-1"), "context values see the ones above them");
        Assert.That(recipe.Sources[1].Folder, Is.EqualTo("extra"));
        Assert.That(recipe.Build.Number, Is.EqualTo(4));
        Assert.That(recipe.Build.Skip, Is.False);
        Assert.That(recipe.Build.Script, Is.EqualTo(new[] { "mkdir -p $PREFIX/lib", "echo linux" }));
        Assert.That(recipe.Build.EntryPoints, Is.EqualTo(new[] { "hello = hello.cli:main" }));
        Assert.That(recipe.Build.HostRunpathWhitelist, Is.EqualTo(new[] { "/opt/site/lib" }));
        Assert.That(recipe.Build.MissingDsoWhitelist, Is.EqualTo(new[] { "/usr/lib64/libcuda.so*" }));
        Assert.That(recipe.Requirements.Build.Select(q => q.Spec),
            Is.EqualTo(new[] { "gcc_linux-64 13.*", "sysroot_linux-64", "make", "cmake >=3.20" }));
        Assert.That(recipe.Requirements.Host.Select(q => q.Spec), Is.EqualTo(new[] { "python", "openmpi" }),
            "a falsy inline conditional without else drops the item");
        Assert.That(recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "python", "zlib" }));
        Assert.That(recipe.Requirements.RunConstrained.Select(q => q.Spec), Is.EqualTo(new[] { "hello-doc ==1.2.3" }));
        Assert.That(recipe.Build.RunExports.Weak, Is.EqualTo(new[] { "hello >=1.2.3" }));
        Assert.That(recipe.Build.IgnoreRunExports, Is.EqualTo(new[] { "libgcc" }));
        Assert.That(recipe.Build.IgnoreRunExportsFrom, Is.EqualTo(new[] { "gcc_linux-64 13.*" }));
        Assert.That(recipe.About.Home, Is.EqualTo("https://example.org"));
        Assert.That(recipe.About.LicenseFiles, Is.EqualTo(new[] { "LICENSE" }));
        Assert.That(recipe.About.Summary, Is.EqualTo("Says hello"));
        Assert.That(r.TemplatePath, Does.EndWith("recipe.yaml"));

        var output = r.Outputs.Single();
        Assert.That(output.Output.Kind, Is.EqualTo(OutputKind.Implicit));
        var tests = output.Output.V1Tests!;
        var lines = Single.Split('\n').ToList();
        Assert.That(tests.Line, Is.EqualTo(lines.FindIndex(l => l.StartsWith("tests:", StringComparison.Ordinal)) + 1));
        Assert.That(tests.Node.Items, Has.Count.EqualTo(2), "the if: item resolved into the script test");
        var script = (V1Mapping)tests.Node.Items[1];
        Assert.That(((V1Scalar)((V1Sequence)script["script"]!).Items[0]).Value, Is.EqualTo("hello --version"));
        Assert.That(script.Line, Is.EqualTo(lines.FindIndex(l => l.Contains("script:", StringComparison.Ordinal) && l.StartsWith("      ", StringComparison.Ordinal)) + 1));
    }

    [Test]
    public void The_rendered_text_is_yaml_of_the_rendered_values_and_its_lines_map_back_to_the_recipe()
    {
        var r = Render(Single, Py312);
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(r.RenderedText));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var about = (YamlDotNet.RepresentationModel.YamlMappingNode)root["about"];
        Assert.That(((YamlDotNet.RepresentationModel.YamlScalarNode)about["summary"]).Value, Is.EqualTo("Says hello"));
        Assert.That(r.RenderedText, Does.Contain("- \"hello-doc ==1.2.3\"").Or.Contain("- hello-doc ==1.2.3"));
        var rendered = r.RenderedText.Split('\n').ToList();
        int summary = rendered.FindIndex(l => l.TrimStart().StartsWith("summary:", StringComparison.Ordinal)) + 1;
        var template = Single.Split('\n').ToList();
        Assert.That(r.LineMap.ToTemplateLine(summary), Is.EqualTo(template.FindIndex(l => l.TrimStart().StartsWith("summary:", StringComparison.Ordinal)) + 1));
    }

    [Test]
    public void Used_variables_and_build_string_follow_what_the_recipe_names()
    {
        var r = Render(Single, Py312 with { Variables = new Dictionary<string, string>(Py312.Variables) { ["unused"] = "x" } });
        Assert.That(r.UsedVariables.Keys, Does.Contain("mpi").And.Contain("c_compiler").And.Contain("c_compiler_version").And.Contain("python"));
        Assert.That(r.UsedVariables.Keys, Does.Not.Contain("unused"));
        Assert.That(r.BuildString, Does.Match("^py312h[0-9a-f]{7}_4$"));
        var other = Render(Single, Py312 with { Variables = new Dictionary<string, string>(Py312.Variables) { ["mpi"] = "mpich" } });
        Assert.That(other.BuildString, Is.Not.EqualTo(r.BuildString));
        Assert.That(other.Recipe.Requirements.Host.Select(q => q.Spec), Does.Contain("numpy"));
    }

    [Test]
    public void Skip_conditions_any_true_skip_the_variant()
    {
        var r = Render(Single, Py312 with { PythonVersion = "3.9" });
        Assert.That(r.Recipe.Build.Skip, Is.True);
    }

    [Test]
    public void Hash_in_an_explicit_build_string_is_the_variant_hash_alone()
    {
        var r = Render("""
            package: {name: foo, version: "1.0"}
            build:
              number: 2
              string: cuda${{ cuda | version_to_buildstring }}h${{ hash }}_${{ 2 }}
            requirements:
              host: [python]
              run: [python]
            """, new RenderContext { PythonVersion = "3.11", Variables = new Dictionary<string, string> { ["cuda"] = "12.4.1" } });
        Assert.That(r.BuildString, Does.Match("^cuda124h[0-9a-f]{7}_2$"));
        Assert.That(r.UsedVariables.Keys, Does.Contain("cuda"));
    }

    [Test]
    public void Staging_output_is_the_one_build_and_outputs_inherit_its_files()
    {
        var r = Render("""
            context:
              version: "3.1.5"
            recipe:
              name: mylib-split
              version: ${{ version }}
            source:
              path: src
            build:
              number: 1
            outputs:
              - staging:
                  name: mylib-build
                requirements:
                  build:
                    - ${{ compiler('c') }}
                build:
                  script: build_lib.sh
              - package:
                  name: mylib-headers
                inherit: mylib-build
                build:
                  files:
                    - include/**
              - package:
                  name: mylib
                inherit:
                  from: mylib-build
                build:
                  files:
                    include: [lib/**]
                    exclude: ["**/*.a"]
                  dynamic_linking:
                    rpath_allowlist: [/opt/site/lib]
                requirements:
                  run_exports:
                    - ${{ pin_subpackage('mylib', lower_bound='x.x', upper_bound='x.x') }}
              - package:
                  name: mylib-dev
                requirements:
                  run:
                    - ${{ pin_subpackage('mylib', exact=True) }}
                    - mylib-headers
            """, new RenderContext(), dir => dir.Write("build_lib.sh", "make install\n"));
        Assert.That(r.Recipe.Package, Is.EqualTo(new RecipePackage("mylib-split", "3.1.5")));
        Assert.That(r.Recipe.Build.Script, Is.EqualTo(new[] { "bash -e \"$RECIPE_DIR\"/'build_lib.sh'" }));
        Assert.That(r.Recipe.Requirements.Build.Select(q => q.Spec), Is.EqualTo(new[] { "gcc_linux-64" }));
        Assert.That(r.Recipe.Sources.Single().Path, Is.EqualTo("src"));
        Assert.That(r.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "mylib-headers", "mylib", "mylib-dev" }));

        var headers = r.Outputs[0].Output;
        Assert.That(headers.Files!.Globs, Is.EqualTo(new[] { "include/**" }));
        Assert.That(headers.Recipe.Build.Number, Is.EqualTo(1), "outputs inherit the top-level build");
        var lib = r.Outputs[1];
        Assert.That(lib.Output.Files!.IsIncludeExclude, Is.True);
        Assert.That(lib.Output.Files.Exclude, Is.EqualTo(new[] { "**/*.a" }));
        Assert.That(lib.Recipe.Build.HostRunpathWhitelist, Is.EqualTo(new[] { "/opt/site/lib" }));
        Assert.That(lib.Recipe.Build.RunExports.Weak, Is.EqualTo(new[] { "mylib >=3.1,<3.2.0a0" }), "rattler-build's documented pin of 3.1.5");
        var dev = r.Outputs[2];
        Assert.That(dev.Output.Files, Is.Null, "an output without inherit and script is empty (a metapackage)");
        Assert.That(dev.Recipe.Requirements.Run[0].Spec, Is.EqualTo($"mylib 3.1.5 {lib.BuildString}"));
    }

    [Test]
    public void Startingwith_and_endingwith_tests_and_the_types_of_context_values_are_rattler_builds()
    {
        // rattler-build's jinja-types figures: a YAML float in context: is a string (not a float), an int stays an
        // int, "12.3" | replace(".", "") | int is an integer, a quoted variant value is a string.
        var r = Render("""
            context:
              ratio: 2.5
              count: 4
              digits: ${{ "4.5" | replace(".", "") | int }}
              flavour: "true"
            package: {name: typed, version: "1.0"}
            requirements:
              run:
                - ${{ "start-yes" if flavour is startingwith('tr') else "start-no" }}
                - ${{ "start-no" if flavour is not startingwith('fa') else "start-negated-wrong" }}
                - ${{ "end-yes" if name_suffix is endingwith('-dev') else "end-no" }}
                - ${{ "ratio-float" if ratio is float else "ratio-notfloat" }}
                - ${{ "count-int" if count is integer else "count-other" }}
                - ${{ "digits-int" if digits is integer else "digits-other" }}
                - ${{ "flavour-string" if flavour is string else "flavour-other" }}
            """, new RenderContext { Variables = new Dictionary<string, string> { ["name_suffix"] = "typed-dev" } });
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[]
        {
            "start-yes", "start-no", "end-yes", "ratio-notfloat", "count-int", "digits-int", "flavour-string",
        }));
    }

    [Test]
    public void Startingwith_needs_one_string_argument()
    {
        var e = Assert.Throws<CondaRecipesException>(() => Render("""
            package: {name: typed, version: "1.0"}
            requirements:
              run:
                - ${{ "x" if "abc" is startingwith(3) else "y" }}
            """));
        Assert.That(e!.Code, Is.EqualTo("CR1401"));
    }

    [Test]
    public void Outputs_are_ordered_so_that_what_others_need_comes_first()
    {
        var r = Render("""
            recipe: {name: pair, version: "2.0"}
            outputs:
              - package: {name: pair-py}
                requirements:
                  host: [pair-c]
                build:
                  script: echo py
              - package: {name: pair-c}
                build:
                  script:
                    content: echo c
                    env:
                      OPT: "3"
                    secrets: [TOKEN]
            """);
        Assert.That(r.Outputs.Select(o => o.Name), Is.EqualTo(new[] { "pair-c", "pair-py" }));
        Assert.That(r.Outputs[0].Output.ScriptLines, Is.EqualTo(new[] { "echo c" }));
        Assert.That(r.Outputs[0].Recipe.Build.ScriptEnv, Is.EqualTo(new[] { "OPT=3", "TOKEN" }));
        Assert.That(r.Outputs[1].Output.ScriptLines, Is.EqualTo(new[] { "echo py" }));
    }

    [Test]
    public void Platform_functions_and_match_evaluate_as_rattler_build_documents()
    {
        var r = Render("""
            package: {name: p, version: "1"}
            requirements:
              run:
                - ${{ "a" if is_linux(target_platform) else "x" }}
                - ${{ "b" if is_unix(target_platform) and not is_win(target_platform) else "x" }}
                - ${{ "c" if match(python, ">=3.8,<3.11") else "x" }}
                - ${{ "d" if match(python, "3.14.*") else "x" }}
                - ${{ "e" if env.exists("HOME_X") else "f" }}
                - ${{ env.get("MISSING", default="g") }}
                - if: osx and arm64
                  then: h
                - if: linux and (aarch64 or ppc64le)
                  then: i
                  else: j
            """, new RenderContext { PythonVersion = "3.9" });
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "a", "b", "c", "x", "f", "g", "j" }));
    }

    [Test]
    public void Context_lists_stay_lists_and_a_schema_key_is_ignored()
    {
        var r = Render("""
            $schema: https://example.invalid/schema.json
            context:
              list:
                - a
                - b
                - c
              inline_list: [a, b, c]
              is_list: ${{ list is sequence }}
            package: {name: p, version: "1"}
            requirements:
              run:
                - ${{ list[1] }}
                - ${{ inline_list | join("") }}
                - ${{ "seq" if is_list else "x" }}
            """);
        Assert.That(r.Recipe.Requirements.Run.Select(q => q.Spec), Is.EqualTo(new[] { "b", "abc", "seq" }));
    }

    [Test]
    public void Pin_compatible_with_a_build_match_renders_a_pending_pin_that_carries_it()
    {
        var rendered = Render("""
            package:
              name: withbuild
              version: "1.0"
            requirements:
              host:
                - numpy
              run:
                - ${{ pin_compatible('numpy', upper_bound='x.x', build='*cuda*') }}
            """);
        var run = rendered.Recipe.Requirements.Run.Select(r => r.Spec).Single();
        Assert.That(CondaRecipes.Recipes.Pins.PinCompatible.FromSpec(run), Is.EqualTo(
            new CondaRecipes.Recipes.Pins.PinCompatible("numpy", MinPin: "x.x.x.x.x.x", MaxPin: "x.x", Build: "*cuda*")), run);
    }
}
