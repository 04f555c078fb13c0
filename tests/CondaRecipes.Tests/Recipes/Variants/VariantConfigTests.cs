using System.Diagnostics;
using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;
using CondaRecipes.Recipes.Matrix;
using CondaRecipes.Recipes.Variants;

namespace CondaRecipes.Tests.Recipes.Variants;

/// <summary>Variant config files read, merged and reduced as conda-build does, on the project's own recipes.</summary>
public class VariantConfigTests
{
    private static readonly RenderContext Linux = new();
    private static readonly Dictionary<string, string> NoOverrides = new();

    private const string SolverRecipe = """
        package:
          name: solver
          version: 2.0
        requirements:
          host:
            - python
            - numpy
            - zlib >=1.3
          run:
            - python
        """;

    private static VariantConfigSpec Spec(RecipeDirectory dir, string name, string text)
    {
        dir.Write(name, text);
        return VariantConfigReader.Read(Path.Combine(dir.Path, name), Linux);
    }

    private static IReadOnlyList<VariantReducer.Reduced> Reduce(RecipeDirectory dir, ConfiguredMatrix.Result matrix, VariantSettings settings) =>
        VariantReducer.Reduce(matrix.Variants,
            matrix.Axes.Where(a => a.Variables.Count > 1).Select(a => (IReadOnlyList<string>)a.Variables.Select(v => v.Name).ToList()).ToList(),
            v => RecipeRenderer.Render(dir.Path, new RenderContext
            {
                Variables = v.Variables, PythonVersion = v.PythonVersion,
                IgnoreVersion = settings.IgnoreVersion, IgnoreBuildOnlyDeps = settings.IgnoreBuildOnlyDeps,
            }));

    [Test]
    public void Zipped_keys_move_together_and_an_unused_key_does_not_multiply_the_variants()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var spec = Spec(dir, "conda_build_config.yaml", """
            python:
              - 3.11
              - 3.12
            numpy:
              - 1.26
              - 2.0
            zlib:
              - 1.2
              - 1.3
            fortran_flavour:
              - a
              - b
              - c
            zip_keys:
              - [python, numpy]
            """);
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), spec]);
        var matrix = ConfiguredMatrix.Expand(config, [], NoOverrides);
        Assert.That(matrix.Variants, Has.Count.EqualTo(2 * 2 * 3), "before the render: python+numpy × zlib × fortran_flavour");

        var reduced = Reduce(dir, matrix, config.Settings);
        // zlib is only used with a version (zlib >=1.3) and fortran_flavour nowhere: neither multiplies.
        Assert.That(reduced.Select(r => $"{r.Variant.PythonVersion}/{r.Variant.Get("numpy")}"),
            Is.EqualTo(new[] { "3.11/1.26", "3.12/2.0" }));
        Assert.That(reduced[0].Rendered!.UsedVariables.Keys, Is.EqualTo(new[] { "numpy", "python", "target_platform" }));
        Assert.That(reduced.Select(r => r.Rendered!.BuildString).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public void A_variable_used_only_by_one_output_loops_that_output()
    {
        // conda-build expands each output over the variants of its own used variables: the library output
        // does not use python and is made once, the bindings output once per python.
        using var dir = new RecipeDirectory("""
            package:
              name: fastmath
              version: 3.1
            outputs:
              - name: libfastmath
              - name: fastmath-python
                requirements:
                  host:
                    - python
                    - {{ pin_subpackage('libfastmath', exact=True) }}
                  run:
                    - python
            """);
        var spec = Spec(dir, "conda_build_config.yaml", "python:\n  - 3.10\n  - 3.11\n  - 3.12\n");
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), spec]);
        var reduced = Reduce(dir, ConfiguredMatrix.Expand(config, [], NoOverrides), config.Settings);

        Assert.That(reduced.Select(r => r.Variant.PythonVersion), Is.EqualTo(new[] { "3.10", "3.11", "3.12" }));
        var files = reduced.SelectMany(r => r.Rendered!.Outputs).Select(o => o.DistName).Distinct().ToList();
        Assert.That(files, Is.EqualTo(new[]
        {
            "libfastmath-3.1-0", "fastmath-python-3.1-py310_0", "fastmath-python-3.1-py311_0", "fastmath-python-3.1-py312_0",
        }));
    }

    [Test]
    public void A_noarch_recipe_keeps_the_newest_python_only()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: greeter
              version: 0.3
            build:
              noarch: python
            requirements:
              host:
                - python
              run:
                - python
            """);
        var spec = Spec(dir, "conda_build_config.yaml", "python:\n  - 3.10\n  - 3.12\n  - 3.9\nchannel_targets:\n  - conda-forge main\n");
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), spec]);
        var reduced = Reduce(dir, ConfiguredMatrix.Expand(config, [], NoOverrides), config.Settings);
        Assert.That(reduced.Select(r => r.Variant.PythonVersion), Is.EqualTo(new[] { "3.12" }), "3.12 is newer than 3.10 and 3.9 as versions");
        Assert.That(reduced[0].Rendered!.BuildString, Is.EqualTo("pyhd8ed1ab_0"), "channel_targets, a one-value key, reaches the hash");
    }

    [Test]
    public void Files_merge_as_conda_build_stacks_them_and_an_item_replaces_its_key()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var site = Spec(dir, "site.yaml", "mpi:\n  - mpich\nblas:\n  - openblas\n  - mkl\npin_run_as_build:\n  mpich: {max_pin: x.x}\n");
        var recipe = Spec(dir, "conda_build_config.yaml", "mpi:\n  - openmpi\n  - mpich\npin_run_as_build:\n  openmpi: {max_pin: x}\n");
        var commandLine = Spec(dir, "cli.yaml", "mpi:\n  - impi\n");
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), site, recipe, commandLine]);

        Assert.That(config.Keys.Single(k => k.Key == "mpi").Value, Is.EqualTo(new[] { "impi" }), "the command line's file wins");
        Assert.That(config.Keys.Single(k => k.Key == "blas").Value, Is.EqualTo(new[] { "openblas", "mkl" }), "kept from the site");
        Assert.That(config.Settings.PinRunAsBuild.Keys.Order(), Is.EqualTo(new[] { "mpich", "openmpi", "python", "r-base" }),
            "pin_run_as_build is extended, defaults included");
        Assert.That(config.Settings.PinRunAsBuild["openmpi"], Is.EqualTo(new RunPin("x.x.x.x.x.x.x", "x")), "a missing min_pin is conda-build's default");
        Assert.That(config.Settings.PinRunAsBuild["python"], Is.EqualTo(new RunPin("x.x", "x.x")));

        var withoutCli = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), site, recipe]);
        Assert.That(withoutCli.Keys.Single(k => k.Key == "mpi").Value, Is.EqualTo(new[] { "openmpi", "mpich" }), "the recipe's file beats the site's");

        var item = new AxisDeclaration("blas", ["blis"]);
        var matrix = ConfiguredMatrix.Expand(withoutCli, [item], new Dictionary<string, string> { ["Mpi"] = "mpich" });
        Assert.That(matrix.Variants.Select(v => $"{v.Get("blas")}/{v.Get("mpi")}"), Is.EqualTo(new[] { "blis/mpich" }),
            "the item replaces blas; -p:Mpi narrows last");

        // The settings survive the trip through item metadata.
        Assert.That(VariantSettings.Parse(config.Settings.ToText()).PinRunAsBuild, Is.EqualTo(config.Settings.PinRunAsBuild));
    }

    [Test]
    public void A_later_file_naming_part_of_a_zip_group_selects_among_its_rows()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var recipe = Spec(dir, "conda_build_config.yaml", """
            toolchain: [gnu, gnu, intel]
            fabric: [ofi, ucx, ofi]
            launcher: [srun, mpiexec, srun]
            zip_keys:
              - [toolchain, fabric, launcher]
            """);
        ConfiguredMatrix.Result With(string later) => ConfiguredMatrix.Expand(
            VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), recipe, Spec(dir, "later.yaml", later)]), [], NoOverrides);

        Assert.That(With("toolchain: gnu\n").Variants.Select(v => $"{v.Get("toolchain")}/{v.Get("fabric")}/{v.Get("launcher")}"),
            Is.EqualTo(new[] { "gnu/ofi/srun", "gnu/ucx/mpiexec" }), "the zipped keys keep their partners");
        Assert.That(With("toolchain: gnu\nfabric: ucx\n").Variants.Select(v => v.Get("launcher")), Is.EqualTo(new[] { "mpiexec" }));
        Assert.That(With("toolchain: cray\nfabric: cxi\nlauncher: aprun\n").Variants.Select(v => $"{v.Get("toolchain")}/{v.Get("fabric")}/{v.Get("launcher")}"),
            Is.EqualTo(new[] { "cray/cxi/aprun" }), "all keys of the group replace it");
        var ambiguous = Assert.Throws<CondaRecipesException>(() => With("fabric: tcp\n"));
        Assert.That(ambiguous!.Code, Is.EqualTo(MatrixErrorCodes.ConfigAmbiguousZipOverride));
        Assert.That(ambiguous.File, Does.EndWith("later.yaml"));
    }

    [Test]
    public void Selectors_inside_a_config_file_pick_the_target_platform_lines()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var spec = Spec(dir, "conda_build_config.yaml", """
            c_compiler_version:
              - 12   # [linux]
              - 15   # [osx]
            # a comment line
            cuda_compiler_version:
              - None  # [not linux]
            """);
        Assert.That(spec.Lists["c_compiler_version"], Is.EqualTo(new[] { "12" }));
        Assert.That(spec.Lists.ContainsKey("cuda_compiler_version"), Is.False, "a key left without values is dropped");
    }

    [Test]
    public void Bad_yaml_and_unequal_zip_lengths_are_coded_errors_with_file_and_line()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var bad = Assert.Throws<CondaRecipesException>(() => Spec(dir, "bad.yaml", "mpi:\n  - openmpi\n  - [unclosed\n"));
        Assert.That(bad!.Code, Is.EqualTo(MatrixErrorCodes.ConfigYamlInvalid));
        Assert.That(bad.File, Does.EndWith("bad.yaml"));
        Assert.That(bad.Line, Is.GreaterThanOrEqualTo(3));

        var zip = Assert.Throws<CondaRecipesException>(() => Spec(dir, "zip.yaml", "a:\n  - 1\n  - 2\nb:\n  - x\nzip_keys:\n  - [a, b]\n"));
        Assert.That(zip!.Code, Is.EqualTo(MatrixErrorCodes.ZipLengthMismatch));
        Assert.That(zip.Line, Is.EqualTo(4), "the line of the key whose length differs");

        var kind = Assert.Throws<CondaRecipesException>(() => Spec(dir, "kind.yaml", "mpi:\n  - {name: openmpi}\n"));
        Assert.That(kind!.Code, Is.EqualTo(MatrixErrorCodes.ConfigKeyInvalid));
    }

    [Test]
    public void Replacements_with_lists_of_mappings_are_read_and_make_no_variants()
    {
        // conda-build keeps the sub-keys of 'replacements' (its prefix replacement rules) as written.
        using var dir = new RecipeDirectory(SolverRecipe);
        var spec = Spec(dir, "conda_build_config.yaml", """
            zlib:
              - 1.3
            replacements:
              all_replacements:
                - tag: pkg-config files
                  glob_patterns:
                    - '*.pc'
                  regex_re: '/opt/sysroot'
                - tag: cmake files
                  glob_patterns: ['*.cmake']
            """);
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), spec]);
        var variants = ConfiguredMatrix.Expand(config, [], NoOverrides).Variants;
        Assert.That(variants, Has.Count.EqualTo(1));
        Assert.That(variants[0].Get("replacements"), Is.Null, "a pass-through key is no variant value");
        var rules = (List<object>)spec.Mappings["replacements"]["all_replacements"];
        Assert.That(rules.Cast<Dictionary<string, object>>().Select(r => r["tag"]), Is.EqualTo(new[] { "pkg-config files", "cmake files" }));
    }

    [Test]
    public void A_pin_run_as_build_entry_without_min_pin_takes_the_default_lower_bound_and_keeps_the_build_string()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var spec = Spec(dir, "conda_build_config.yaml", """
            pin_run_as_build:
              libgrid:
                max_pin: x.x
              libmesh:
                min_pin: null
                max_pin: x
            """);
        var settings = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), spec]).Settings;
        var requirements = new RecipeRequirements
        {
            Host = [new("libgrid", 1), new("libmesh", 2)],
            Run = [new("libgrid * mpi_openmpi*", 3), new("libmesh", 4)],
            HasHostSection = true,
        };
        ResolvedPackage Resolved(string name, string version, string build) =>
            new(name, version, build, "file:///channel", new CondaRecipes.Packaging.RunExports(), OnHost: false);
        var final = RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = requirements, Build = new RecipeBuild(), RecipeFile = "meta.yaml", PinRunAsBuild = settings.PinRunAsBuild,
            Environments = new ResolvedEnvironments { Host = [Resolved("libgrid", "1.2.3", "mpi_openmpi_h1234_0"), Resolved("libmesh", "4.1", "0")] },
        });
        Assert.That(final.Depends, Is.EqualTo(new[] { "libgrid >=1.2.3,<1.3.0a0 mpi_openmpi*", "libmesh <5.0a0" }));
    }

    [Test]
    public void Channel_targets_gives_the_conda_forge_noarch_hash()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: greeter
              version: 0.3
            build:
              noarch: python
            requirements:
              host:
                - python
                - pip
              run:
                - python
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            PythonVersion = "3.12",
            Variables = new Dictionary<string, string> { ["channel_targets"] = "conda-forge main" },
        });
        Assert.That(rendered.HashInput, Is.EqualTo("{\"channel_targets\": \"conda-forge main\"}"));
        Assert.That(rendered.Hash, Is.EqualTo("h" + Sha1Prefix(rendered.HashInput)), "python's json.dumps + sha1, computed by python3");
        Assert.That(rendered.BuildString, Is.EqualTo("pyhd8ed1ab_0"));
    }

    [Test]
    public void Hash_leaves_out_versioned_and_run_only_requirements_and_ignore_version_entries()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: fieldio
              version: 1.4
            requirements:
              build:
                - {{ compiler('c') }}
              host:
                - hdf5
                - zlib >=1.3
                - mpi
              run:
                - libaec
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            Variables = new Dictionary<string, string>
            {
                ["c_compiler"] = "gcc", ["hdf5"] = "1.14.3", ["zlib"] = "1.3", ["mpi"] = "openmpi", ["libaec"] = "1.1",
            },
            IgnoreVersion = ["mpi"],
        });
        var expected = new Dictionary<string, string> { ["c_compiler"] = "gcc", ["hdf5"] = "1.14.3", ["target_platform"] = "linux-64" };
        Assert.That(rendered.HashInput, Is.EqualTo(PythonJsonDumps(expected)));
        Assert.That(rendered.BuildString, Is.EqualTo("h" + Sha1Prefix(rendered.HashInput) + "_0"));
        Assert.That(rendered.UsedVariables.ContainsKey("mpi"), Is.True, "mpi is used, only kept out of the hash");
        Assert.That(rendered.UsedVariables.ContainsKey("libaec"), Is.False, "a run-only requirement is no used variable");
    }

    [Test]
    public void Pkg_hash_fills_an_explicit_build_string()
    {
        using var dir = new RecipeDirectory("""
            package:
              name: fieldio
              version: 1.4
            build:
              string: mpi_{{ mpi }}_h{{ PKG_HASH }}_{{ PKG_BUILDNUM }}
            requirements:
              host:
                - mpi
            """);
        var rendered = RecipeRenderer.Render(dir.Path, new RenderContext
        {
            Variables = new Dictionary<string, string> { ["mpi"] = "openmpi" },
        });
        string hash = Sha1Prefix(PythonJsonDumps(new Dictionary<string, string> { ["mpi"] = "openmpi", ["target_platform"] = "linux-64" }));
        Assert.That(rendered.BuildString, Is.EqualTo($"mpi_openmpi_h{hash}_0"));
        Assert.That(rendered.Hash, Is.EqualTo("h" + hash));
    }

    private static string PythonJsonDumps(IReadOnlyDictionary<string, string> d) =>
        "{" + string.Join(", ", d.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"\"{kv.Key}\": \"{kv.Value}\"")) + "}";

    /// <summary>The first 7 hex digits of sha1(json.dumps(json.loads(text), sort_keys=True)), computed by python3.</summary>
    private static string Sha1Prefix(string json)
    {
        var psi = new ProcessStartInfo("python3", ["-c",
            "import sys,json,hashlib; d=json.loads(sys.stdin.read()); print(hashlib.sha1(json.dumps(d, sort_keys=True).encode()).hexdigest()[:7])"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(json);
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.EqualTo(0));
        return output;
    }

    [Test]
    public void A_top_level_key_given_twice_takes_its_last_value_as_PyYAML_does()
    {
        const string text = "mpi:\n  - mpich\n# the old list\nfortran_compiler_version:\n  - '11'\nmpi:\n  - openmpi\n  - mpich\nfortran_compiler_version:   # [linux]\n  - '13'\n";
        var spec = VariantConfigReader.Parse(text, "conda_build_config.yaml", Linux);
        Assert.That(spec.Lists["mpi"], Is.EqualTo(new[] { "openmpi", "mpich" }));
        Assert.That(spec.Lists["fortran_compiler_version"], Is.EqualTo(new[] { "13" }));
    }

    [Test]
    public void Repeated_keys_are_blanked_line_for_line_so_errors_keep_their_line_numbers()
    {
        var (text, repeated) = DuplicateTopLevelKeys.KeepLast("a:\n  - 1\nb: 2\na:\n  - 3\n");
        Assert.That(text, Is.EqualTo("\n\nb: 2\na:\n  - 3\n"));
        Assert.That(repeated, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void A_python_item_selects_rows_of_a_zipped_python_numpy_group_from_the_files()
    {
        using var dir = new RecipeDirectory(SolverRecipe);
        var spec = Spec(dir, "conda_build_config.yaml",
            "python:\n  - 3.10\n  - 3.11\n  - 3.12\nnumpy:\n  - 1.22\n  - 1.26\n  - 2.0\nzip_keys:\n  - [python, numpy]\n");
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), spec]);
        var python = new AxisDeclaration(MatrixVariable.Python, ["3.12", "3.10"]);
        var matrix = ConfiguredMatrix.Expand(config, [python], NoOverrides);
        Assert.That(matrix.Variants.Select(v => $"{v.PythonVersion}/{v.Get("numpy")}"), Is.EquivalentTo(new[] { "3.10/1.22", "3.12/2.0" }));
    }

    [Test]
    public void A_target_platform_other_than_the_builds_is_CR1110_at_its_line_and_the_builds_own_passes()
    {
        using var dir = new RecipeDirectory("");
        var cross = Spec(dir, "conda_build_config.yaml", "python:\n  - 3.12\ntarget_platform:\n  - linux-64\n  - linux-aarch64\n");
        var config = VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), cross]);
        var e = Assert.Throws<CondaRecipesException>(() => TargetPlatformCheck.Check(config, "linux-64"))!;
        Assert.That((e.Code, e.File, e.Line), Is.EqualTo(("CR1110", Path.Combine(dir.Path, "conda_build_config.yaml"), 3)));
        Assert.That(e.Message, Does.Contain("'linux-aarch64'").And.Contain("linux-64 (CondaSubdir)"));

        var own = Spec(dir, "own.yaml", "target_platform:\n  - linux-64\n");
        Assert.DoesNotThrow(() => TargetPlatformCheck.Check(VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml), own]), "linux-64"));
        Assert.DoesNotThrow(() => TargetPlatformCheck.Check(VariantConfigMerger.Combine([VariantDefaults.For("linux-64", RecipeFormatKind.MetaYaml)]), "linux-64"));
    }
}
