namespace CondaRecipes.Tests.Recipes.Derecho;

/// <summary>
/// Every Derecho recipe rendered for every variant of its project, with the variables the project and
/// recipes/Directory.Build.props declare, in both label placements.
/// </summary>
public class DerechoRecipeTests
{
    private const string Toolchain = "gcc_12.4.0_cray_mpich_8.1.29";
    private static readonly string[] Placements = ["build", "version"];
    private static readonly string[] Pythons = ["3.12", "3.11", "3.10"];

    [TestCaseSource(nameof(Placements))]
    public void Matrix_has_every_recipe_and_variant(string placement)
    {
        var counts = DerechoMatrix.For(placement).GroupBy(v => v.Project).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int>
        {
            ["nccl-ofi-plugin"] = 1, ["mpi4py"] = 6, ["h5py"] = 3, ["jaxlib"] = 3, ["jax"] = 3, ["mpi4jax"] = 6, ["torch"] = 9, ["torchvision"] = 9,
        }));
        Assert.That(counts.Values.Sum(), Is.GreaterThanOrEqualTo(40));
    }

    [Test]
    public void Every_Python_package_has_the_site_Python_axis()
    {
        foreach (var project in DerechoMatrix.For("build").Where(v => v.Project != "nccl-ofi-plugin").GroupBy(v => v.Project))
            Assert.That(project.Select(v => v.PythonVersion).Distinct(), Is.EquivalentTo(Pythons), project.Key);
        Assert.That(DerechoMatrix.For("build").Single(v => v.Project == "nccl-ofi-plugin").PythonVersion, Is.Null);
    }

    [Test]
    public void Torch_and_torchvision_versions_move_in_pairs()
    {
        var pairs = DerechoMatrix.For("build").Where(v => v.Project == "torchvision")
            .Select(v => $"{v.Variables["PYTORCH_VERSION"]}/{v.Variables["TORCHVISION_VERSION"]}").Distinct();
        Assert.That(pairs, Is.EquivalentTo(new[] { "2.7.0/0.22.0", "2.6.0/0.21.0", "2.5.1/0.20.1" }));
    }

    [TestCaseSource(nameof(Placements))]
    public void Every_variant_renders_to_the_expected_and_planned_file_name(string placement)
    {
        foreach (var v in DerechoMatrix.For(placement))
        {
            var rendered = DerechoRendering.Render(v);
            Assert.That(rendered.FileName, Is.EqualTo(Expected(v, placement)), v.ToString());
            Assert.That(v.PlannedFile, Is.EqualTo(rendered.FileName), $"Plan of {v}");
        }
        Assert.That(DerechoMatrix.For(placement).Select(v => v.PlannedFile).Distinct().Count(),
            Is.EqualTo(DerechoMatrix.For(placement).Count), "two variants would write the same package");
    }

    /// <summary>The file names, spelled out independently of the recipes' Jinja.</summary>
    private static string Expected(ProbedVariant v, string placement)
    {
        string Name(string package, string version, string build) => placement == "build"
            ? $"{package}-{version}-derecho_{build}_1000.conda"
            : $"{package}-{version}_derecho-{build}_1000.conda";
        var py = v.PythonVersion;
        var vars = v.Variables;
        return v.Project switch
        {
            "nccl-ofi-plugin" => Name("nccl", "2.21.5.1", "cuda12.3.2_ofi1.6.0"),
            "mpi4py" => Name("mpi4py", vars["MPI4PY_VERSION"], $"{Toolchain}_py{py}"),
            "h5py" => Name("h5py", vars["H5PY_VERSION"], $"{Toolchain}_py{py}"),
            "jaxlib" => Name("jaxlib", "0.4.38", $"{Toolchain}_py{py}"),
            "jax" => Name("jax", "0.4.38", $"{Toolchain}_py{py}"),
            "mpi4jax" => Name("mpi4jax", "0.7.1", $"{Toolchain}_mpi4py{vars["MPI4PY_VERSION"]}_py{py}"),
            "torch" => Name("pytorch", vars["PYTORCH_VERSION"], $"{Toolchain}_py{py}"),
            "torchvision" => Name("torchvision", vars["TORCHVISION_VERSION"], $"{Toolchain}_py{py}"),
            _ => throw new AssertionException($"unexpected project {v.Project}"),
        };
    }

    [Test]
    public void Every_recipe_carries_the_site_build_number_and_library_policy()
    {
        foreach (var v in DerechoMatrix.For("build"))
        {
            var build = DerechoRendering.Render(v).Recipe.Build;
            Assert.That(build.Number, Is.EqualTo(1000), v.ToString());
            Assert.That(build.HostRunpathWhitelist, Is.SupersetOf(new[] { "/opt/cray/*", "/glade/u/apps/*" }), v.ToString());
            Assert.That(build.MissingDsoWhitelist, Does.Contain("*/libfabric.so*"), v.ToString());
            if (v.Project is not ("mpi4py" or "h5py"))
                Assert.That(build.MissingDsoWhitelist, Does.Contain("*/libcuda*.so*"), v.ToString());
            if (v.Project != "nccl-ofi-plugin")
                Assert.That(build.MissingDsoWhitelist, Does.Contain("*/libmpi*.so*"), v.ToString());
        }
    }

    [TestCaseSource(nameof(Placements))]
    public void Every_labelled_requirement_is_produced_by_the_matrix(string placement)
    {
        // torch needs nccl, torchvision its own pytorch, jax its jaxlib, mpi4jax its mpi4py, jax and jaxlib:
        // each such spec must select a package this matrix builds, in either placement.
        var all = DerechoRendering.RenderAll(placement);
        var checkedSpecs = 0;
        foreach (var (v, r) in DerechoMatrix.For(placement).Zip(all))
            foreach (var req in r.Recipe.Requirements.Host.Concat(r.Recipe.Requirements.Run))
            {
                var spec = LabelSpec.Parse(req.Spec);
                if (!spec.Mentions("derecho")) continue;
                checkedSpecs++;
                Assert.That(all.Any(spec.Matches), Is.True, $"{v}: '{req.Spec}' selects nothing the matrix builds");
            }
        Assert.That(checkedSpecs, Is.GreaterThanOrEqualTo(9 + 9 + 3 + 3 + 6 * 6 + 3 * 2), "labelled requirements checked");
    }

    [Test]
    public void Torchvision_requires_the_pytorch_of_its_pair()
    {
        foreach (var v in DerechoMatrix.For("build").Where(v => v.Project == "torchvision"))
        {
            var run = DerechoRendering.Render(v).Recipe.Requirements.Run.Select(r => r.Spec);
            Assert.That(run, Does.Contain($"pytorch {v.Variables["PYTORCH_VERSION"]} derecho_*"), v.ToString());
        }
        foreach (var v in DerechoMatrix.For("version").Where(v => v.Project == "torch"))
            Assert.That(DerechoRendering.Render(v).Recipe.Requirements.Run.Select(r => r.Spec), Does.Contain("nccl *_derecho"));
    }
}
