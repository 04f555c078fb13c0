using CondaRecipes.Diagnostics;
using CondaRecipes.Pipeline;
using CondaRecipes.Pipeline.Dependencies;
using CondaRecipes.Recipes;
using PackagingRunExports = CondaRecipes.Packaging.RunExports;

namespace CondaRecipes.Tests.Pipeline.Dependencies;

/// <summary>
/// The final depends and constrains from rendered requirements and resolved environments, by conda-build's
/// finalize rules (which environment contributes which run_exports, pin_run_as_build, ignore lists).
/// </summary>
public class RunRequirementsTests
{
    private static readonly ResolvedPackage Python312 = new("python", "3.12.3", "external_pyenv", "pyenv", new(), OnHost: true);

    private static readonly ResolvedPackage LibFoo = new("libfoo", "1.4.0", "h1_0", "file:///channel", new PackagingRunExports
    {
        Weak = ["libfoo >=1.2,<2"], WeakConstrains = ["libfoo-data >=1.4"],
    }, OnHost: false);

    private static readonly ResolvedPackage Toolkit = new("toolkit", "3.0", "0", "file:///channel", new PackagingRunExports
    {
        Strong = ["toolkit-runtime >=3"], Weak = ["toolkit-weak"], StrongConstrains = ["toolkit-abi 3.*"],
        Noarch = ["toolkit-any"],
    }, OnHost: false);

    private static List<RecipeRequirement> Reqs(params string[] specs) => specs.Select(s => new RecipeRequirement(s, 1)).ToList();

    private static FinalRequirements Compute(RecipeRequirements requirements, ResolvedEnvironments envs, RecipeBuild? build = null,
        bool usesCompiler = false) =>
        RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = requirements, Build = build ?? new RecipeBuild(), Environments = envs,
            UsesCompilerFunction = usesCompiler, RecipeFile = "meta.yaml",
            Variant = new Dictionary<string, string> { ["python"] = "3.12" },
        });

    [Test]
    public void Python_in_run_gets_the_x_x_pin_of_the_python_resolved_in_host()
    {
        var reqs = new RecipeRequirements { Host = Reqs("python"), Run = Reqs("python"), HasHostSection = true };
        var result = Compute(reqs, new ResolvedEnvironments { Host = [Python312] });
        Assert.That(result.Depends, Is.EqualTo(new[] { "python >=3.12,<3.13.0a0" }));
    }

    [Test]
    public void Test_requirements_get_the_same_pins()
    {
        var reqs = new RecipeRequirements { Host = Reqs("python"), Run = Reqs("python"), HasHostSection = true };
        var result = RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = reqs, Build = new RecipeBuild(), Environments = new ResolvedEnvironments { Host = [Python312] },
            TestRequires = ["python", "pytest 8", "python pin_compatible(max_pin=x)"], RecipeFile = "meta.yaml",
        });
        Assert.That(result.TestRequires, Is.EqualTo(new[] { "python >=3.12,<3.13.0a0", "pytest 8.*" }),
            "pin_compatible('python') there is pinned again by pin_run_as_build, as in conda-build");
    }

    [Test]
    public void A_version_written_in_run_is_replaced_by_the_pin_and_noarch_python_is_never_pinned()
    {
        var reqs = new RecipeRequirements { Host = Reqs("python"), Run = Reqs("python >=3.8", "python 3.12.*"), HasHostSection = true };
        var envs = new ResolvedEnvironments { Host = [Python312] };
        Assert.That(Compute(reqs, envs).Depends, Is.EqualTo(new[] { "python >=3.12,<3.13.0a0" }));
        Assert.That(Compute(reqs, envs, new RecipeBuild { Noarch = "python" }).Depends, Is.EqualTo(new[] { "python 3.12.*", "python >=3.8" }));
    }

    [Test]
    public void Weak_and_strong_exports_of_host_and_strong_exports_of_build_reach_depends_and_constrains()
    {
        var reqs = new RecipeRequirements
        {
            Build = Reqs("toolkit"), Host = Reqs("python", "libfoo"), Run = Reqs("python", "libfoo"),
            RunConstrained = Reqs("libfoo-docs <2"), HasHostSection = true,
        };
        var result = Compute(reqs, new ResolvedEnvironments { Build = [Toolkit], Host = [Python312, LibFoo] });
        // The bare libfoo is dropped beside the exported versioned one; toolkit's weak export stays in build.
        Assert.That(result.Depends, Is.EqualTo(new[] { "libfoo >=1.2,<2", "python >=3.12,<3.13.0a0", "toolkit-runtime >=3" }));
        Assert.That(result.Constrains, Is.EqualTo(new[] { "libfoo-data >=1.4", "libfoo-docs <2", "toolkit-abi 3.*" }));
    }

    [Test]
    public void Only_packages_named_in_the_environment_export()
    {
        var reqs = new RecipeRequirements { Host = Reqs("python"), HasHostSection = true };
        var result = Compute(reqs, new ResolvedEnvironments { Host = [Python312, LibFoo] });
        Assert.That(result.Depends, Is.Empty, "libfoo was pulled in, not asked for");
    }

    [Test]
    public void Ignore_run_exports_drops_by_exported_name_and_ignore_run_exports_from_by_upstream_package()
    {
        var reqs = new RecipeRequirements { Build = Reqs("toolkit"), Host = Reqs("libfoo"), HasHostSection = true };
        var envs = new ResolvedEnvironments { Build = [Toolkit], Host = [LibFoo] };
        Assert.That(Compute(reqs, envs, new RecipeBuild { IgnoreRunExports = ["libfoo"] }).Depends, Is.EqualTo(new[] { "toolkit-runtime >=3" }));
        Assert.That(Compute(reqs, envs, new RecipeBuild { IgnoreRunExports = ["libfoo"] }).Constrains,
            Is.EqualTo(new[] { "libfoo-data >=1.4", "toolkit-abi 3.*" }), "ignore_run_exports matches names, so libfoo-data stays");
        var from = Compute(reqs, envs, new RecipeBuild { IgnoreRunExportsFrom = ["libfoo"] });
        Assert.That(from.Depends, Is.EqualTo(new[] { "toolkit-runtime >=3" }));
        Assert.That(from.Constrains, Is.EqualTo(new[] { "toolkit-abi 3.*" }));
        Assert.That(Compute(reqs, envs, new RecipeBuild { IgnoreRunExportsFrom = ["toolkit 3.*"] }).Depends, Is.EqualTo(new[] { "libfoo >=1.2,<2" }));
    }

    [Test]
    public void Without_a_host_section_build_is_host_unless_the_recipe_uses_compiler()
    {
        var reqs = new RecipeRequirements { Build = Reqs("toolkit") };
        var envs = new ResolvedEnvironments { Build = [Toolkit] };
        Assert.That(Compute(reqs, envs).Depends, Is.EqualTo(new[] { "toolkit-runtime >=3", "toolkit-weak" }));
        Assert.That(Compute(reqs, envs, usesCompiler: true).Depends, Is.EqualTo(new[] { "toolkit-runtime >=3" }));
    }

    [Test]
    public void A_noarch_package_takes_only_the_noarch_exports()
    {
        var envs = new ResolvedEnvironments { Build = [Toolkit], Host = [Toolkit] };
        var generic = new RecipeBuild { Noarch = "generic" };
        Assert.That(Compute(new RecipeRequirements { Host = Reqs("toolkit"), HasHostSection = true }, envs, generic).Depends,
            Is.EqualTo(new[] { "toolkit-any" }));
        Assert.That(Compute(new RecipeRequirements { Build = Reqs("toolkit") }, envs, generic).Depends, Is.EqualTo(new[] { "toolkit-any" }));
        Assert.That(Compute(new RecipeRequirements { Build = Reqs("toolkit") }, envs, generic, usesCompiler: true).Depends, Is.Empty);
    }

    [Test]
    public void Pin_compatible_is_computed_from_the_host_version_and_a_bare_version_becomes_a_series()
    {
        var reqs = new RecipeRequirements
        {
            Host = Reqs("libfoo"), Run = Reqs("libfoo pin_compatible(max_pin=x.x)", "other 1.2"),
            RunConstrained = Reqs("libfoo pin_compatible(exact=True)"), HasHostSection = true,
        };
        var result = Compute(reqs, new ResolvedEnvironments { Host = [LibFoo] }, new RecipeBuild { IgnoreRunExportsFrom = ["libfoo"] });
        Assert.That(result.Depends, Is.EqualTo(new[] { "libfoo >=1.4.0,<1.5.0a0", "other 1.2.*" }));
        Assert.That(result.Constrains, Is.EqualTo(new[] { "libfoo 1.4.0 h1_0" }));
    }

    [Test]
    public void Pin_compatible_of_a_package_not_in_host_is_a_coded_error_at_its_line()
    {
        var reqs = new RecipeRequirements { Host = Reqs("python"), Run = [new RecipeRequirement("numpy pin_compatible()", 17)], HasHostSection = true };
        var e = Assert.Throws<CondaRecipesException>(() => Compute(reqs, new ResolvedEnvironments { Host = [Python312] }))!;
        Assert.That(e.Code, Is.EqualTo(BuildErrorCodes.PinCompatibleUnresolved));
        Assert.That(e.Line, Is.EqualTo(17));
        Assert.That(e.Message, Does.Contain("numpy is not in the host environment"));
    }

    [Test]
    public void A_pin_run_as_build_entry_for_a_package_of_unknown_version_is_a_coded_error()
    {
        var make = new ResolvedPackage("make", null, "external_host", "/usr/bin/make", new(), OnHost: true);
        var reqs = new RecipeRequirements { Host = Reqs("make"), Run = Reqs("make"), HasHostSection = true };
        var e = Assert.Throws<CondaRecipesException>(() => RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = reqs, Build = new RecipeBuild(), Environments = new ResolvedEnvironments { Host = [make] },
            PinRunAsBuild = new Dictionary<string, CondaRecipes.Recipes.Variants.RunPin> { ["make"] = new("x.x", "x.x") },
            RecipeFile = "meta.yaml",
        }))!;
        Assert.That(e.Code, Is.EqualTo(BuildErrorCodes.RunPinUnresolved));
    }

    /// <summary>
    /// conda-build renders the recipe again once the environments are solved, so a pin_compatible in
    /// build/run_exports becomes the pin on the version in the pinning environment (its test recipe
    /// _run_exports_in_outputs: an output with zlib in host exports pin_compatible('zlib', min_pin='x')).
    /// </summary>
    [Test]
    public void Pin_compatible_in_run_exports_is_pinned_against_the_host_environment()
    {
        var reqs = new RecipeRequirements { Host = Reqs("libfoo"), HasHostSection = true };
        var build = new RecipeBuild
        {
            RunExports = new RunExports
            {
                Weak = ["libfoo pin_compatible(max_pin=x.x)", "zlib >=1.3"], StrongConstrains = ["libfoo pin_compatible(min_pin=x;max_pin=x)"],
            },
        };
        var result = Compute(reqs, new ResolvedEnvironments { Host = [LibFoo] }, build);
        Assert.That(result.RunExports.Weak, Is.EqualTo(new[] { "libfoo >=1.4.0,<1.5.0a0", "zlib >=1.3" }));
        Assert.That(result.RunExports.StrongConstrains, Is.EqualTo(new[] { "libfoo >=1,<2.0a0" }));
        Assert.That(result.RunExports.Strong, Is.Empty);
    }

    [Test]
    public void Pin_compatible_in_run_exports_of_a_package_not_resolved_is_a_coded_error_at_its_line()
    {
        var reqs = new RecipeRequirements { Host = Reqs("python"), HasHostSection = true };
        var build = new RecipeBuild { RunExports = new RunExports { Strong = ["numpy pin_compatible()"] } };
        var e = Assert.Throws<CondaRecipesException>(() => RunRequirements.Compute(new RunRequirementsInput
        {
            Requirements = reqs, Build = build, Environments = new ResolvedEnvironments { Host = [Python312] },
            RecipeFile = "meta.yaml", RunExportLine = spec => spec == "numpy pin_compatible()" ? 9 : 0,
        }))!;
        Assert.That(e.Code, Is.EqualTo(BuildErrorCodes.PinCompatibleUnresolved));
        Assert.That(e.Line, Is.EqualTo(9));
        Assert.That(e.Message, Does.Contain("numpy is not in the host environment"));
    }
}
