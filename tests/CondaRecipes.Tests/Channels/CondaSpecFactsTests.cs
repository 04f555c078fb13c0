using CondaRecipes.Channels;
using CondaRecipes.Channels.Specs;
using CondaRecipes.Diagnostics;

namespace CondaRecipes.Tests.Channels;

/// <summary>
/// Checks VersionOrder, VersionSpec and MatchSpec against the facts in Data/conda-spec-facts.txt: the
/// orderings, matches, canonical strings and rejected inputs that conda's own test-suite asserts.
/// </summary>
public class CondaSpecFactsTests
{
    private static readonly Lazy<Dictionary<string, List<string>>> Sections = new(Load);

    private static Dictionary<string, List<string>> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Channels", "Data", "conda-spec-facts.txt");
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#')) continue;
            if (line.StartsWith('[') && line.EndsWith(']') && !line.Contains(' ') || line.StartsWith("[order ", StringComparison.Ordinal))
            {
                sections[line[1..^1]] = current = [];
                continue;
            }
            if (line.Trim().Length == 0) continue;
            current!.Add(line);
        }
        return sections;
    }

    private static IEnumerable<string[]> Rows(string section) =>
        Sections.Value[section].Select(l => l.Split(" ; ").Select(f => f.Trim()).ToArray());

    public static IEnumerable<TestCaseData> Orders() =>
        Sections.Value.Keys.Where(k => k.StartsWith("order ", StringComparison.Ordinal))
            .Select(k => new TestCaseData(k["order ".Length..]).SetName($"Order({k["order ".Length..]})"));

    [TestCaseSource(nameof(Orders))]
    public void OrdersVersionsAsConda(string name)
    {
        var lines = Sections.Value["order " + name];
        var versions = new List<(VersionOrder Version, bool EqualToPrevious)>();
        foreach (var line in lines)
        {
            var equal = line.StartsWith("= ", StringComparison.Ordinal);
            var text = equal ? line[2..] : line;
            var v = VersionOrder.Parse(text);
            var lower = text.Trim().ToLowerInvariant();
            Assert.That(v.Normalized, Is.EqualTo(lower.Contains('_') ? lower : lower.Replace('-', '_')), text);
            versions.Add((v, equal));
        }
        // Every pair, not only neighbours: a before b, strictly unless only '=' lines lie between them.
        for (var i = 0; i < versions.Count; i++)
        for (var j = i + 1; j < versions.Count; j++)
        {
            var equal = versions.Skip(i + 1).Take(j - i).All(x => x.EqualToPrevious);
            var (a, b) = (versions[i].Version, versions[j].Version);
            Assert.That(Math.Sign(a.CompareTo(b)), Is.EqualTo(equal ? 0 : -1), $"{a} vs {b}");
            Assert.That(Math.Sign(b.CompareTo(a)), Is.EqualTo(equal ? 0 : 1), $"{b} vs {a}");
            if (equal) Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()), $"hash of {a} and {b}");
        }
    }

    public static IEnumerable<TestCaseData> VersionMatches() =>
        Rows("version-match").Select(r => new TestCaseData(r[0], r[1], bool.Parse(r[2])));

    [TestCaseSource(nameof(VersionMatches))]
    public void MatchesVersionsAsConda(string spec, string version, bool expected)
    {
        var vs = VersionSpec.Parse(spec);
        Assert.That(vs.Matches(version), Is.EqualTo(expected), $"'{spec}' on '{version}'");
        Assert.That(vs.Matches(VersionOrder.Parse(version)), Is.EqualTo(expected), "with the version parsed first");
        Assert.That(VersionSpec.Parse(vs.Text).Matches(version), Is.EqualTo(expected), $"canonical '{vs.Text}'");
    }

    public static IEnumerable<TestCaseData> VersionSpecTexts() =>
        Rows("version-spec-text").Select(r => new TestCaseData(r[0], r[1]));

    [TestCaseSource(nameof(VersionSpecTexts))]
    public void WritesVersionSpecsAsConda(string spec, string text) =>
        Assert.That(VersionSpec.Parse(spec).Text, Is.EqualTo(text));

    public static IEnumerable<TestCaseData> SpecMatches() =>
        Rows("spec-match").Select(r => new TestCaseData(r[0], r[1], bool.Parse(r[2])));

    [TestCaseSource(nameof(SpecMatches))]
    public void MatchesRecordsAsConda(string spec, string record, bool expected)
    {
        var rec = Record(record);
        var ms = MatchSpec.Parse(spec);
        Assert.That(ms.Matches(rec), Is.EqualTo(expected), ms.ToString());
        VersionOrder.TryParse(rec.Version, out var parsed);
        Assert.That(ms.Matches(rec, parsed), Is.EqualTo(expected), "with the version parsed first");
        Assert.That(MatchSpec.Parse(ms.ToString()).Matches(rec), Is.EqualTo(expected), $"canonical {ms}");
    }

    /// <summary>Reads "name-version-build key=value …"; the build number follows the build's last '_'.</summary>
    private static PackageRecord Record(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var dist = parts[0];
        var b = dist.LastIndexOf('-');
        var v = dist.LastIndexOf('-', b - 1);
        var build = dist[(b + 1)..];
        var extra = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new PackageRecord
        {
            Name = dist[..v], Version = dist[(v + 1)..b], Build = build,
            BuildNumber = long.Parse(build[(build.LastIndexOf('_') + 1)..]),
            Channel = extra.GetValueOrDefault("channel"), Subdir = extra.GetValueOrDefault("subdir") ?? "linux-64",
            License = extra.GetValueOrDefault("license"),
        };
    }

    public static IEnumerable<TestCaseData> Canonicals() =>
        Rows("canonical").Select(r => new TestCaseData(r[0], r[1]));

    [TestCaseSource(nameof(Canonicals))]
    public void WritesCanonicalSpecsAsConda(string spec, string canonical)
    {
        var ms = MatchSpec.Parse(spec);
        Assert.That(ms.ToString(), Is.EqualTo(canonical));
        Assert.That(MatchSpec.Parse(canonical), Is.EqualTo(ms), "the canonical form parses back to the same spec");
    }

    public static IEnumerable<TestCaseData> Rejected(string section) =>
        Sections.Value[section].Select(l => new TestCaseData(l));

    [TestCaseSource(nameof(Rejected), new object[] { "reject-version" })]
    public void RejectsVersionsAsConda(string text)
    {
        var e = Assert.Throws<CondaRecipesException>(() => VersionOrder.Parse(text));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.InvalidVersion));
    }

    [TestCaseSource(nameof(Rejected), new object[] { "reject-version-spec" })]
    public void RejectsVersionSpecsAsConda(string text)
    {
        var e = Assert.Throws<CondaRecipesException>(() => VersionSpec.Parse(text));
        Assert.That(e!.Code, Is.EqualTo(ChannelErrorCodes.InvalidVersionSpec), e.Message);
        Assert.That(e.Hint, Is.Not.Empty);
    }

    [TestCaseSource(nameof(Rejected), new object[] { "reject-match-spec" })]
    public void RejectsMatchSpecsAsConda(string text)
    {
        var e = Assert.Throws<CondaRecipesException>(() => MatchSpec.Parse(text));
        Assert.That(e!.Code, Is.AnyOf(ChannelErrorCodes.InvalidMatchSpec, ChannelErrorCodes.InvalidVersionSpec,
            ChannelErrorCodes.InvalidVersion), e.Message);
        Assert.That(e.Hint, Is.Not.Empty);
    }

    [TestCaseSource(nameof(Rejected), new object[] { "accept-match-spec" })]
    public void AcceptsMatchSpecsAsConda(string text)
    {
        var ms = MatchSpec.Parse(text);
        Assert.That(MatchSpec.Parse(ms.ToString()), Is.EqualTo(ms), $"canonical {ms}");
    }
}
