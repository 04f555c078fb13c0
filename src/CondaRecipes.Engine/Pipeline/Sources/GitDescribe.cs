using System.Text.RegularExpressions;
using CondaRecipes.Processes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// conda-build's <c>get_git_info</c>: the <c>GIT_*</c> variables of a checkout, for the render after the
/// source stage and the build script. From <c>git describe --tags --long HEAD</c>: <c>GIT_DESCRIBE_TAG</c>,
/// <c>GIT_DESCRIBE_NUMBER</c>, <c>GIT_DESCRIBE_HASH</c> (<c>g</c> + short hash) and
/// <c>GIT_DESCRIBE_TAG_PEP440</c>; without a reachable tag only the hash (from <c>--all</c>);
/// <c>GIT_FULL_HASH</c> from <c>rev-parse HEAD</c>; <c>GIT_BUILD_STR</c> = number_hash. A folder without
/// <c>.git</c> (or without git on the machine) has none.
/// </summary>
public static partial class GitDescribe
{
    [GeneratedRegex(@"^(?:[_\-a-zA-Z]*)(?<version>[a-zA-Z0-9.]+)(?:-(?<post>\d+)-g(?<hash>[0-9a-f]{7,}))$")]
    private static partial Regex DescribePattern();

    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string repository, CancellationToken ct)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(Path.Combine(repository, ".git")) && !File.Exists(Path.Combine(repository, ".git"))) return d;

        var tags = await GitAsync(repository, ["describe", "--tags", "--long", "HEAD"], ct);
        if (tags is not null)
        {
            var parts = RSplit(tags, 3);
            if (parts.Length == 3)
            {
                d["GIT_DESCRIBE_TAG"] = parts[0];
                d["GIT_DESCRIBE_NUMBER"] = parts[1];
                d["GIT_DESCRIBE_HASH"] = parts[2];
            }
            d["GIT_DESCRIBE_TAG_PEP440"] = Pep440(tags);
        }
        if (!d.ContainsKey("GIT_DESCRIBE_HASH") && await GitAsync(repository, ["describe", "--all", "--long", "HEAD"], ct) is { } all
            && RSplit(all, 3) is { Length: 3 } allParts)
            d["GIT_DESCRIBE_HASH"] = allParts[2];
        if (await GitAsync(repository, ["rev-parse", "HEAD"], ct) is { } full) d["GIT_FULL_HASH"] = full;
        if (d.TryGetValue("GIT_DESCRIBE_NUMBER", out var n) && d.TryGetValue("GIT_DESCRIBE_HASH", out var h))
            d["GIT_BUILD_STR"] = $"{n}_{h}";
        return d;
    }

    /// <summary>conda-build's <c>get_version_from_git_tag</c>: the tag's version, with <c>.postN+hash</c> past
    /// it; "None" (Python's str of None) when the description does not fit.</summary>
    internal static string Pep440(string describe)
    {
        var m = DescribePattern().Match(describe);
        if (!m.Success) return "None";
        var version = m.Groups["version"].Value;
        return m.Groups["post"].Value == "0" ? version : $"{version}.post{m.Groups["post"].Value}+{m.Groups["hash"].Value}";
    }

    // Python's str.rsplit("-", 2).
    private static string[] RSplit(string s, int count)
    {
        var parts = new List<string>();
        while (parts.Count < count - 1)
        {
            int i = s.LastIndexOf('-');
            if (i < 0) break;
            parts.Insert(0, s[(i + 1)..]);
            s = s[..i];
        }
        parts.Insert(0, s);
        return parts.ToArray();
    }

    private static async Task<string?> GitAsync(string repository, string[] args, CancellationToken ct)
    {
        try
        {
            var r = await ProcessRunner.RunAsync(new ProcessRequest("git", args)
            {
                WorkingDirectory = repository,
                Environment = new Dictionary<string, string?> { ["GIT_DIR"] = Path.Combine(repository, ".git") },
            }, ct);
            var line = r.StandardOutput.Split('\n')[0].Trim();
            return r.ExitCode == 0 && line.Length > 0 ? line : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on the machine: conda-build sets no GIT_* either
        }
    }
}
