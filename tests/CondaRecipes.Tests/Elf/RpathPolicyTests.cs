using CondaRecipes.Elf;

namespace CondaRecipes.Tests.Elf;

[TestFixture]
public class RpathPolicyTests
{
    private const string Prefix = "/work/conda/envs/_h_env";
    private static readonly RpathPolicy Derecho = new(["/opt/cray/*", "/glade/u/apps/*"], RpathPolicy.DefaultRpaths);

    private static RpathDecision Apply(string file, string? existing, RpathPolicy? policy = null, RpathTag tag = RpathTag.Rpath) =>
        (policy ?? Derecho).Apply(file, Prefix, existing, tag);

    [Test]
    public void Apply_OriginEntries_AreKeptVerbatim()
    {
        var d = Apply("lib/libfoo.so", "$ORIGIN/../lib64:${ORIGIN}/x:$ORIGIN");
        Assert.That(d.Value, Is.EqualTo("$ORIGIN/../lib64:${ORIGIN}/x:$ORIGIN"));
        Assert.That(d.Outcomes.Take(3).Select(o => o.Action), Is.All.EqualTo(RpathEntryAction.KeptOrigin));
        Assert.That(d.Warnings, Is.Empty);
    }

    [TestCase("lib/libfoo.so", Prefix + "/lib", "$ORIGIN")]
    [TestCase("lib/libfoo.so", Prefix + "/lib/", "$ORIGIN")]
    [TestCase("bin/demo", Prefix + "/lib", "$ORIGIN/../lib")]
    [TestCase("lib/python3.12/site-packages/mpi4py/MPI.so", Prefix + "/lib", "$ORIGIN/../../..")]
    [TestCase("lib/libfoo.so", Prefix + "/lib/../lib64", "$ORIGIN/../lib64")]
    [TestCase("lib/libfoo.so", Prefix + "//lib/./sub", "$ORIGIN/sub")]
    [TestCase("lib/libfoo.so", Prefix, "$ORIGIN/..")]
    [TestCase("libtop.so", Prefix, "$ORIGIN")]
    public void Apply_EntryInsidePrefix_BecomesOriginRelative(string file, string entry, string expected)
    {
        var d = Apply(file, entry, new RpathPolicy([], []));
        Assert.That(d.Entries, Is.EqualTo(new[] { expected }));
        Assert.That(d.Outcomes.Single().Action, Is.EqualTo(RpathEntryAction.MadeRelative));
    }

    [Test]
    public void Apply_PrefixLookalikeOutsidePrefix_IsNotInside()
    {
        var d = Apply("lib/libfoo.so", Prefix + "_other/lib", new RpathPolicy([], []));
        Assert.That(d.Entries, Is.Empty);
        Assert.That(d.Outcomes.Single().Action, Is.EqualTo(RpathEntryAction.RemovedOutsidePrefix));
    }

    [Test]
    public void Apply_WhitelistedHostPaths_AreKeptVerbatim()
    {
        var d = Apply("lib/libfoo.so", "/opt/cray/pe/mpich/8.1.27/ofi/gnu/9.1/lib:/glade/u/apps/common/cuda/12.2/lib64/");
        Assert.That(d.Entries, Is.EqualTo(new[]
        {
            "/opt/cray/pe/mpich/8.1.27/ofi/gnu/9.1/lib", "/glade/u/apps/common/cuda/12.2/lib64/", "$ORIGIN",
        }));
        Assert.That(d.Warnings, Is.Empty);
    }

    [Test]
    public void Apply_OutsideNotWhitelisted_IsRemovedWithExactWarning()
    {
        var d = Apply("lib/libfoo.so", "/usr/local/x");

        Assert.That(d.Entries, Is.EqualTo(new[] { "$ORIGIN" }));
        var w = d.Warnings.Single();
        Assert.That(w.Code, Is.EqualTo("CR3101"));
        Assert.That(w.File, Is.EqualTo("lib/libfoo.so"));
        Assert.That(w.Message, Is.EqualTo(
            "RPATH entry '/usr/local/x' is outside the host prefix and matches no host_runpath_whitelist pattern (/opt/cray/*, /glade/u/apps/*); removed."));
        Assert.That(w.ToString(), Is.EqualTo(
            "lib/libfoo.so: warning CR3101: RPATH entry '/usr/local/x' is outside the host prefix and matches no host_runpath_whitelist pattern (/opt/cray/*, /glade/u/apps/*); removed."));
    }

    [Test]
    public void Apply_RunpathAndEmptyWhitelist_AreNamedInTheWarning()
    {
        var d = Apply("bin/x", "/usr/local/x", new RpathPolicy([], []), RpathTag.Runpath);
        Assert.That(d.Warnings.Single().Message, Is.EqualTo(
            "RUNPATH entry '/usr/local/x' is outside the host prefix and matches no host_runpath_whitelist pattern (none); removed."));
    }

    [Test]
    public void Apply_RelativeEntries_AreRemovedWithWarning()
    {
        var d = Apply("lib/libfoo.so", "lib:../lib64:ORIGIN/x");
        Assert.That(d.Entries, Is.EqualTo(new[] { "$ORIGIN" }));
        Assert.That(d.Warnings.Select(w => w.Code), Is.EqualTo(new[] { "CR3102", "CR3102", "CR3102" }));
        Assert.That(d.Warnings[0].Message, Is.EqualTo("RPATH entry 'lib' is relative and does not start with $ORIGIN; removed."));
    }

    [Test]
    public void Apply_MixedEntries_KeepsOrderAndDeduplicates()
    {
        var existing = $"/opt/cray/lib:{Prefix}/lib:/usr/local/not-whitelisted:$ORIGIN/../lib:/opt/cray/lib::{Prefix}/lib64";
        var d = Apply("bin/demo", existing, Derecho with { Rpaths = ["lib", "lib64", "lib"] });

        Assert.That(d.Value, Is.EqualTo("/opt/cray/lib:$ORIGIN/../lib:$ORIGIN/../lib64"));
        Assert.That(d.Outcomes.Select(o => o.Action), Is.EqualTo(new[]
        {
            RpathEntryAction.KeptWhitelisted, RpathEntryAction.MadeRelative, RpathEntryAction.RemovedOutsidePrefix,
            RpathEntryAction.KeptOrigin, RpathEntryAction.KeptWhitelisted, RpathEntryAction.MadeRelative,
            RpathEntryAction.AddedFromRpaths, RpathEntryAction.AddedFromRpaths, RpathEntryAction.AddedFromRpaths,
        }));
        Assert.That(d.Warnings, Has.Count.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(":::")]
    public void Apply_NoExistingValue_GivesTheRpathsEntries(string? existing)
    {
        Assert.That(Apply("bin/tool", existing).Value, Is.EqualTo("$ORIGIN/../lib"));
        Assert.That(Apply("bin/tool", existing, Derecho with { Rpaths = [] }).Value, Is.EqualTo(""));
    }

    [Test]
    public void Apply_RpathsEntries_AbsoluteInsidePrefixAndOriginAndOutside()
    {
        var policy = Derecho with { Rpaths = [Prefix + "/lib/stubs", "$ORIGIN/plugins", "/opt/site/lib", ""] };
        var d = Apply("lib/libfoo.so", null, policy);
        Assert.That(d.Entries, Is.EqualTo(new[] { "$ORIGIN/stubs", "$ORIGIN/plugins", "/opt/site/lib" }));
        Assert.That(d.Warnings, Is.Empty);
    }

    [Test]
    public void Apply_WhitelistGlobFeatures_QuestionAndSets()
    {
        var policy = new RpathPolicy(["/opt/cray/pe/lib?4", "/glade/[!x]*"], []);
        var d = Apply("lib/libfoo.so", "/opt/cray/pe/lib64:/opt/cray/pe/lib32x:/glade/u/apps/lib:/glade/x/lib", policy);
        Assert.That(d.Entries, Is.EqualTo(new[] { "/opt/cray/pe/lib64", "/glade/u/apps/lib" }));
        Assert.That(d.Warnings, Has.Count.EqualTo(2));
    }

    [Test]
    public void Apply_WhitelistIsMatchedAgainstTheNormalisedEntryToo()
    {
        var d = Apply("lib/libfoo.so", "/opt/./cray/lib", new RpathPolicy(["/opt/cray/lib"], []));
        Assert.That(d.Entries, Is.EqualTo(new[] { "/opt/./cray/lib" }));
    }

    [Test]
    public void MergeWhitelists_MergesTrimsAndDeduplicatesInOrder()
    {
        var merged = RpathPolicy.MergeWhitelists(["/opt/cray/*", " /glade/u/apps/* ", ""], null, ["/glade/u/apps/*", "/opt/site/*"]);
        Assert.That(merged, Is.EqualTo(new[] { "/opt/cray/*", "/glade/u/apps/*", "/opt/site/*" }));
    }
}
