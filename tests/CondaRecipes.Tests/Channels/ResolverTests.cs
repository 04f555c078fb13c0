using CondaRecipes.Channels;
using CondaRecipes.Channels.Solving;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;
using static CondaRecipes.Tests.Channels.SyntheticChannel;

namespace CondaRecipes.Tests.Channels;

public class ResolverTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("cr-resolve-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] DerechoEnvironment =
        ["python 3.11.*", "mpi4py =*=derecho*", "pytorch =*=derecho*", "torchvision", "jax", "mpi4jax"];

    private static void AssertDependenciesFirst(Solution solution)
    {
        var position = solution.Records.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i);
        foreach (var r in solution.Records)
            foreach (var dep in r.Depends.Select(MatchSpec.Parse))
            {
                Assert.That(position.ContainsKey(dep.Name), Is.True, $"{r.Name} needs {dep.Name}");
                Assert.That(position[dep.Name], Is.LessThan(position[r.Name]), $"{dep.Name} before {r.Name}");
                Assert.That(dep.Matches(solution.Find(dep.Name)!), Is.True, $"{r.Name} -> {dep}");
            }
    }

    [Test]
    public void SolvesTheDerechoEnvironment_WithTheSiteBuilds()
    {
        var pool = DerechoGraph.Pool(_dir);
        var solution = Resolver.Solve(DerechoEnvironment, pool);

        Assert.That(solution.Records.Select(r => r.Name), Is.EquivalentTo(new[]
            { "python", "mpi4py", "mpich", "pytorch", "nccl", "numpy", "torchvision", "jax", "jaxlib", "mpi4jax" }));
        var python = solution.Find("python")!;
        Assert.That((python.Version, python.Build, python.Channel), Is.EqualTo(("3.11.7", "external_pyenv", PackagePool.HostChannel)));
        Assert.That(solution.Find("mpi4py")!.Build, Is.EqualTo("derecho_py3.11_1000"));
        Assert.That(solution.Find("mpich")!.Channel, Is.EqualTo(PackagePool.HostChannel), "host external outranks channels");
        var nccl = solution.Find("nccl")!;
        Assert.That((nccl.BuildNumber, nccl.Channel), Is.EqualTo((1000L, pool.Channels[1])));
        Assert.That(solution.Find("jaxlib")!.Build, Is.EqualTo("derecho_py3.11_1000"));
        Assert.That(solution.Find("torchvision")!.Build, Is.EqualTo("derecho_py3.11_1000"));
        Assert.That(solution.Find("numpy")!.Version, Is.EqualTo("2.2.1"));
        Assert.That(solution.Find("numpy")!.Build, Does.StartWith("py311"));
        Assert.That(solution.Find("mpi4jax")!.FileName, Is.EqualTo("mpi4jax-0.7.1-derecho_py3.11_1000.conda"));
        Assert.That(solution.Records[0].Name, Is.EqualTo("python").Or.EqualTo("mpich").Or.EqualTo("nccl"));
        AssertDependenciesFirst(solution);
    }

    [Test]
    public void TheSiteBuildWinsOverAnOrdinaryBuildOfTheSameVersion_InFlexibleMode()
    {
        var pool = DerechoGraph.Pool(_dir);
        var flexible = new SolveOptions { ChannelPriority = ChannelPriority.Flexible };
        var nccl = Resolver.Solve(["nccl 2.21.5.1"], pool, flexible).Find("nccl")!;
        Assert.That((nccl.Build, nccl.BuildNumber), Is.EqualTo(("derecho_1000", 1000L)));
        var mpi4py = Resolver.Solve(["python 3.11.*", "mpi4py 4.0.3"], pool, flexible).Find("mpi4py")!;
        Assert.That(mpi4py.Build, Is.EqualTo("derecho_py3.11_1000"));
    }

    [Test]
    public void StrictPriorityTakesANameOnlyFromTheFirstChannelHavingIt_FlexibleTakesTheNewest()
    {
        var pool = DerechoGraph.Pool(_dir);
        var strict = Resolver.Solve(["python 3.11.*", "tqdm"], pool).Find("tqdm")!;
        Assert.That((strict.Version, strict.Channel), Is.EqualTo(("4.66.0", pool.Channels[1])));
        var flexible = Resolver.Solve(["python 3.11.*", "tqdm"], pool, new SolveOptions { ChannelPriority = ChannelPriority.Flexible }).Find("tqdm")!;
        Assert.That((flexible.Version, flexible.Channel), Is.EqualTo(("4.67.1", pool.Channels[2])));

        // Strict: conda-forge's mpi4jax is hidden behind output's, so asking for a non-derecho build fails...
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["python 3.11.*", "mpi4jax=*=py311*"], pool));
        Assert.That(e!.Message, Does.Contain("strict channel priority hides 1 mpi4jax record(s)"));
        // ...while flexible finds it.
        var any = Resolver.Solve(["python 3.11.*", "mpi4jax=*=py311*"], pool, new SolveOptions { ChannelPriority = ChannelPriority.Flexible });
        Assert.That(any.Find("mpi4jax")!.Build, Is.EqualTo("py311h_0"));
    }

    [Test]
    public void AMissingSiteBuildIsReportedWithTheChainThatNeededIt()
    {
        var pool = DerechoGraph.Pool(_dir, withMpi4py: false);
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["python 3.11.*", "mpi4jax"], pool));
        TestContext.Out.WriteLine(e!.ToString());
        Assert.That(e.Code, Is.EqualTo(ChannelErrorCodes.Unsatisfiable));
        Assert.That(e.Message, Does.Contain(
            "mpi4jax (mpi4jax-0.7.1-derecho_py3.11_1000) -> mpi4py =*=derecho* -> (no mpi4py build matching '*=derecho*'"));
        Assert.That(e.Message, Does.Contain("builds there: 4.0.3 py311h1234567_0"));
        Assert.That(e.Message, Does.Contain("Searched with strict channel priority, in order: host, " + pool.Channels[1]));
        Assert.That(e.Hint, Is.Not.Empty);
    }

    [Test]
    public void TwoIncompatibleRequirementsAreShownWithWhoRequiredEach()
    {
        var pool = DerechoGraph.Pool(_dir);
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["python 3.12.*", "mpi4jax"], pool));
        TestContext.Out.WriteLine(e!.ToString());
        Assert.That(e.Code, Is.EqualTo(ChannelErrorCodes.Unsatisfiable));
        Assert.That(e.Message, Does.Contain("python: no build satisfies both"));
        Assert.That(e.Message, Does.Contain("mpi4jax (mpi4jax-0.7.1-derecho_py3.11_1000) -> python 3.11.*"));
        Assert.That(e.Message, Does.Contain("      python 3.12.*"));
    }

    [Test]
    public void AnUnknownPackageIsReportedBeforeSearching()
    {
        var pool = DerechoGraph.Pool(_dir);
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["python", "horovod"], pool));
        Assert.That(e!.Message, Does.Contain("horovod -> (no package named horovod in channels host, "));
        Assert.That(e.Message, Does.Contain("0 candidates tried"));
    }

    [Test]
    public void ConstrainsLimitsAPackageOnlyWhenItIsInstalled()
    {
        var pool = new PackagePool();
        pool.AddChannel("test", [
            Rec("libfoo", "2.0", "0"), Rec("libfoo", "1.5", "0"),
            Rec("bar", "1.0", "0", constrains: ["libfoo <2"]), Rec("bar", "0.9", "0"),
        ]);
        var both = Resolver.Solve(["libfoo", "bar"], pool);
        Assert.That((both.Find("libfoo")!.Version, both.Find("bar")!.Version), Is.EqualTo(("2.0", "0.9")));
        var pinned = Resolver.Solve(["libfoo", "bar 1.0"], pool);
        Assert.That(pinned.Find("libfoo")!.Version, Is.EqualTo("1.5"));
        var barOnly = Resolver.Solve(["bar"], pool);
        Assert.That(barOnly.Records.Select(r => $"{r.Name} {r.Version}"), Is.EqualTo(new[] { "bar 1.0" }));
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["libfoo 2.0", "bar 1.0"], pool));
        Assert.That(e!.Message, Does.Contain("constrains libfoo <2"));
    }

    [Test]
    public void BacktracksWhenTheNewestChoiceLeadsNowhere()
    {
        var pool = new PackagePool();
        pool.AddChannel("test", [
            Rec("a", "2.0", "0", depends: ["b >=2"]), Rec("a", "1.0", "0", depends: ["b <2"]),
            Rec("b", "2.0", "0", depends: ["c 2.*"]), Rec("b", "1.1", "0", depends: ["c"]),
            Rec("c", "1.0", "0"), Rec("d", "1.0", "0", depends: ["c <2"]),
            Rec("c", "2.0", "0", depends: ["e"]), // e does not exist: c 2.0 can never be installed
        ]);
        var s = Resolver.Solve(["a", "d"], pool);
        Assert.That(s.Records.Select(r => $"{r.Name}-{r.Version}"), Is.EqualTo(new[] { "c-1.0", "b-1.1", "a-1.0", "d-1.0" }));
    }

    [Test]
    public void BacktracksThroughAClashBetweenSiblings()
    {
        var pool = new PackagePool();
        pool.AddChannel("test", [
            Rec("app", "1.0", "0", depends: ["x", "y"]),
            Rec("x", "3.0", "0", depends: ["z 3.*"]), Rec("x", "2.0", "0", depends: ["z 2.*"]), Rec("x", "1.0", "0", depends: ["z 1.*"]),
            Rec("y", "2.0", "0", depends: ["z 1.*"]), Rec("y", "1.0", "0", depends: ["z 0.*"]),
            Rec("z", "3.0", "0"), Rec("z", "2.0", "0"), Rec("z", "1.0", "0"), Rec("z", "0.5", "0"),
        ]);
        var s = Resolver.Solve(["app"], pool);
        Assert.That(s.Records.Select(r => $"{r.Name}-{r.Version}"), Is.EqualTo(new[] { "z-1.0", "x-1.0", "y-2.0", "app-1.0" }));
        Assert.That(s.SearchSteps, Is.GreaterThan(4));
    }

    [Test]
    public void JumpsBackOverIrrelevantChoices_InsteadOfTryingEveryCombination()
    {
        // 16 unrelated packages with two versions each are chosen first; the clash (s needs r >=2 while
        // r 1.0 is requested) is met only at the end. Plain backtracking would try 2^16 combinations.
        var records = new List<PackageRecord>();
        var roots = new List<string> { "r 1.0" };
        for (var i = 0; i < 16; i++)
        {
            records.Add(Rec($"p{i}", "2.0", "0"));
            records.Add(Rec($"p{i}", "1.0", "0"));
            roots.Add($"p{i}");
        }
        records.Add(Rec("s", "2.0", "0", depends: ["r >=2"]));
        records.Add(Rec("s", "1.0", "0", depends: ["r >=3"]));
        records.Add(Rec("r", "1.0", "0"));
        records.Add(Rec("r", "3.0", "0"));
        roots.Add("s");
        var pool = new PackagePool();
        pool.AddChannel("test", records);
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(roots, pool, new SolveOptions { MaxSteps = 200 }));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.Unsatisfiable), e.Message);
        Assert.That(e.Message, Does.Contain("r: no build satisfies both"));
        Assert.That(e.Message, Does.Contain("s (s-2.0-0) -> r >=2"));
    }

    [Test]
    public void AMissingPackageDeepInTheGraphIsFoundWithoutSearching()
    {
        var records = new List<PackageRecord>();
        var roots = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            records.Add(Rec($"p{i}", "2.0", "0", depends: ["base"]));
            records.Add(Rec($"p{i}", "1.0", "0", depends: ["base"]));
            roots.Add($"p{i}");
        }
        records.Add(Rec("base", "1.0", "0", depends: ["q"]));
        records.Add(Rec("q", "1.0", "0", depends: ["r >=2"]));
        records.Add(Rec("r", "1.0", "0"));
        var pool = new PackagePool();
        pool.AddChannel("test", records);
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(roots, pool));
        Assert.That(e!.Message, Does.Contain(
            "p0 (p0-2.0-0) -> base (base-1.0-0) -> q (q-1.0-0) -> r >=2 -> (no r build matching '>=2' in channels test; builds there: 1.0 0)"));
        Assert.That(e.Message, Does.Contain("0 candidates tried"));
    }

    [Test]
    public void ExternalsAreValidated()
    {
        var pool = new PackagePool();
        Assert.That(Assert.Throws<CondaRecipesException>(() => pool.AddExternal("python", "3.11 final"))!.Code,
            Is.EqualTo(ChannelErrorCodes.InvalidExternal));
        Assert.That(Assert.Throws<CondaRecipesException>(() => pool.AddExternal("py thon", "3.11"))!.Code,
            Is.EqualTo(ChannelErrorCodes.InvalidExternal));
        var record = pool.AddExternal("mpich", "3.4", "external_host");
        Assert.That((record.Channel, pool.Channels[0], pool.Count), Is.EqualTo((PackagePool.HostChannel, "host", 1)));
    }

    [Test]
    public void ABrokenDependencyInARecordIsACodedErrorNamingTheRecord()
    {
        var pool = new PackagePool();
        pool.AddChannel("test", [Rec("a", "1.0", "0", depends: ["b >=>1"])]);
        var e = Assert.Throws<CondaRecipesException>(() => Resolver.Solve(["a"], pool));
        Assert.That(e!.Message, Does.Contain("a-1.0-0"));
        Assert.That(e.File, Is.EqualTo("a-1.0-0.conda").Or.Null);
    }
}
