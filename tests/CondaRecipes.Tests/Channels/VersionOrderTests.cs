using CondaRecipes.Channels;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Channels;

public class VersionOrderTests
{
    // The ordering documented in conda's version.py, each entry compared with the next ("==" = equal).
    private static readonly (string Relation, string Version)[] DocumentedOrder =
    [
        ("", "0.4"), ("==", "0.4.0"), ("<", "0.4.1.rc"), ("==", "0.4.1.RC"), ("<", "0.4.1"), ("<", "0.5a1"),
        ("<", "0.5b3"), ("<", "0.5C1"), ("<", "0.5"), ("<", "0.9.6"), ("<", "0.960923"), ("<", "1.0"),
        ("<", "1.1dev1"), ("<", "1.1_"), ("<", "1.1a1"), ("<", "1.1.0dev1"), ("==", "1.1.dev1"), ("<", "1.1.a1"),
        ("<", "1.1.0rc1"), ("<", "1.1.0"), ("==", "1.1"), ("<", "1.1.0post1"), ("==", "1.1.post1"),
        ("<", "1.1post1"), ("<", "1996.07.12"), ("<", "1!0.4.1"), ("<", "1!3.1.1.6"), ("<", "2!0.4.1"),
    ];

    [Test]
    public void FollowsTheDocumentedOrderingTable()
    {
        for (var i = 1; i < DocumentedOrder.Length; i++)
        {
            var prev = VersionOrder.Parse(DocumentedOrder[i - 1].Version);
            var cur = VersionOrder.Parse(DocumentedOrder[i].Version);
            var expected = DocumentedOrder[i].Relation == "==" ? 0 : -1;
            Assert.That(Math.Sign(prev.CompareTo(cur)), Is.EqualTo(expected), $"{prev} vs {cur}");
            Assert.That(Math.Sign(cur.CompareTo(prev)), Is.EqualTo(-expected), $"{cur} vs {prev}");
        }
    }

    [Test]
    public void SortingShuffledTableRestoresIt()
    {
        var versions = DocumentedOrder.Select(e => VersionOrder.Parse(e.Version)).ToList();
        var shuffled = versions.OrderBy(v => v.Original.GetHashCode(StringComparison.Ordinal)).ToList();
        shuffled.Sort();
        for (var i = 0; i < versions.Count; i++)
            Assert.That(shuffled[i].CompareTo(versions[i]), Is.Zero, $"position {i}");
    }

    [TestCase("1.0.1", "1.0.1a", 1)] // letters are pre-releases for conda
    [TestCase("1.0.1_", "1.0.1a", -1)] // openssl work-around
    [TestCase("2.21.5.1", "2.21.5", 1)]
    [TestCase("0.4.38", "0.4.38", 0)]
    [TestCase("1.2-rc1", "1.2_rc1", 0)] // dashes read as underscores when there are no underscores
    [TestCase("1.2.3+local.1", "1.2.3+local.2", -1)]
    [TestCase("1.2.3", "1.2.3+1", -1)]
    [TestCase("1.10", "1.9", 1)]
    [TestCase("3.11.7", "3.11.10", -1)]
    [TestCase("1.0dev", "1.0a", -1)]
    [TestCase("1.0", "1.0.0.0", 0)]
    [TestCase("12345678901234567890123", "12345678901234567890122", 1)]
    public void ComparesPairs(string a, string b, int expected)
    {
        Assert.That(Math.Sign(VersionOrder.Parse(a).CompareTo(VersionOrder.Parse(b))), Is.EqualTo(expected));
    }

    [Test]
    public void EqualVersionsHashAlike()
    {
        Assert.That(VersionOrder.Parse("1.1").GetHashCode(), Is.EqualTo(VersionOrder.Parse("1.1.0").GetHashCode()));
        Assert.That(VersionOrder.Parse("1.1.dev1"), Is.EqualTo(VersionOrder.Parse("1.1.0DEV1")));
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("1.2 3")]
    [TestCase("1..2")]
    [TestCase("1!2!3")]
    [TestCase("a!1.0")]
    [TestCase("1.0+a+b")]
    [TestCase("+1.0")]
    [TestCase("1.2-3_4")] // dashes together with underscores are not accepted
    [TestCase("1.2#")]
    [TestCase("1.")]
    public void RejectsInvalidVersionsWithACode(string text)
    {
        var e = Assert.Throws<CondaRecipesException>(() => VersionOrder.Parse(text));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.InvalidVersion));
        Assert.That(e.Message, Does.Contain("Invalid version"));
    }

    [TestCase("1.2.3", "1.2", true)]
    [TestCase("1.2", "1.2", true)]
    [TestCase("1.20", "1.2", false)]
    [TestCase("1.2", "1.2.0", true)] // missing components are zeros
    [TestCase("1.0", "1.0.0.0", true)]
    [TestCase("1.0", "1.0.0.1", false)]
    [TestCase("1.0", "1.0.0a", false)]
    [TestCase("1.1alpha1", "1.1a", true)]
    [TestCase("1.2.3+cuda", "1.2.3+cu", true)]
    [TestCase("1.2.4+cuda", "1.2.3+cu", false)]
    public void StartsWithComparesComponents(string version, string prefix, bool expected)
    {
        Assert.That(VersionOrder.Parse(version).StartsWith(VersionOrder.Parse(prefix)), Is.EqualTo(expected));
    }
}
