using System.Text.RegularExpressions;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// How the channel part of a match spec selects records, as conda reads it. A record's channel is the URL
/// (or name) it was read from. A spec names a channel either by name (<c>conda-forge</c>: any channel
/// whose URL ends with that name), by a URL under conda's default channel alias
/// (<c>https://conda.anaconda.org/conda-forge</c> is the channel <c>conda-forge</c>), by any other URL (that
/// location exactly), or by a glob (<c>*</c> matches every channel, <c>conda-*</c> every channel whose name
/// starts so). A trailing subdir (<c>…/linux-64</c>) is not part of a channel's identity.
/// </summary>
public static class SpecChannel
{
    /// <summary>conda's default <c>channel_alias</c>: channels under it are known by their name.</summary>
    private static readonly string[] AliasPrefixes = ["https://conda.anaconda.org/", "http://conda.anaconda.org/"];

    /// <summary>Subdirs conda recognises at the end of a channel (<c>conda-forge/linux-64</c>).</summary>
    public static readonly IReadOnlySet<string> KnownSubdirs = new HashSet<string>(StringComparer.Ordinal)
    {
        "noarch", "linux-64", "linux-32", "linux-aarch64", "linux-armv6l", "linux-armv7l", "linux-ppc64le",
        "linux-ppc64", "linux-s390x", "linux-riscv64", "osx-64", "osx-arm64", "win-64", "win-32", "win-arm64",
        "emscripten-wasm32", "wasi-wasm32", "zos-z",
    };

    /// <summary>Splits a known subdir off the end: <c>conda-forge/linux-64</c> → (<c>conda-forge</c>, <c>linux-64</c>).</summary>
    public static (string Channel, string? Subdir) SplitSubdir(string text)
    {
        var trimmed = text.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        if (slash > 0 && KnownSubdirs.Contains(trimmed[(slash + 1)..]))
            return (trimmed[..slash], trimmed[(slash + 1)..]);
        return (trimmed, null);
    }

    /// <summary>True when <paramref name="specChannel"/> (as parsed from a spec) selects <paramref name="recordChannel"/>.</summary>
    public static bool Matches(string specChannel, string? recordChannel)
    {
        if (specChannel == "*") return true;
        if (recordChannel is null) return false;
        var record = SplitSubdir(recordChannel).Channel;
        var spec = AliasName(SplitSubdir(specChannel).Channel);
        if (spec.Contains('*'))
        {
            var glob = new Regex("^(?:" + Regex.Escape(spec).Replace(@"\*", ".*") + ")$", RegexOptions.CultureInvariant);
            return glob.IsMatch(NameOf(record)) || glob.IsMatch(record);
        }
        if (IsUrl(spec)) return string.Equals(spec, record, StringComparison.Ordinal);
        return string.Equals(spec, record, StringComparison.Ordinal) || string.Equals(spec, NameOf(record), StringComparison.Ordinal)
            || record.EndsWith("/" + spec, StringComparison.Ordinal);
    }

    private static bool IsUrl(string s) => s.Contains("://", StringComparison.Ordinal);

    /// <summary>A URL under the default alias is the channel of that name; anything else is unchanged.</summary>
    private static string AliasName(string channel)
    {
        foreach (var prefix in AliasPrefixes)
            if (channel.StartsWith(prefix, StringComparison.Ordinal) && channel.Length > prefix.Length)
                return channel[prefix.Length..];
        return channel;
    }

    /// <summary>The name conda gives a record's channel: its alias name, or for other URLs the last path part.</summary>
    private static string NameOf(string record)
    {
        var name = AliasName(record);
        if (!IsUrl(name)) return name;
        var slash = name.LastIndexOf('/');
        return slash >= 0 ? name[(slash + 1)..] : name;
    }
}
