using System.Text;

namespace CondaRecipes.Channels.Specs;

/// <summary>
/// A conda match specification (<c>numpy &gt;=1.24,&lt;2</c>, <c>mpi4py =*=derecho*</c>,
/// <c>conda-forge::nccl[build_number='&gt;=1000']</c>): which records of one package name are acceptable.
/// Parse with <see cref="Parse"/>; <see cref="ToString"/> gives conda's canonical form, which parses back
/// to an equal spec.
/// </summary>
public sealed class MatchSpec : IEquatable<MatchSpec>
{
    private string? _canonical;

    internal MatchSpec(string original, string name)
    {
        Original = original;
        Name = name;
    }

    /// <summary>The text this spec was parsed from.</summary>
    public string Original { get; }

    /// <summary>The package name (may be a glob such as <c>py*</c>, for searching only).</summary>
    public string Name { get; }

    /// <summary>Channel name or URL (<c>conda-forge</c>, <c>file:///…/output</c>), or null for any channel.</summary>
    public string? Channel { get; internal init; }

    /// <summary>Subdir (<c>linux-64</c>, <c>noarch</c>) or null for any.</summary>
    public string? Subdir { get; internal init; }

    /// <summary>Version constraint, or null for any version.</summary>
    public VersionSpec? Version { get; internal init; }

    /// <summary>Build string constraint (exact or glob), or null for any build.</summary>
    public StringPattern? Build { get; internal init; }

    /// <summary>Build number constraint, or null for any.</summary>
    public BuildNumberSpec? BuildNumber { get; internal init; }

    /// <summary>Archive file name (<c>[fn=…]</c>), or null.</summary>
    public string? FileName { get; internal init; }

    public string? Md5 { get; internal init; }
    public string? Sha256 { get; internal init; }
    public string? License { get; internal init; }

    internal StringPattern? NamePattern { get; init; }

    /// <summary>Parses a spec; throws <see cref="Diagnostics.CondaRecipesException"/> CR5003 (or CR5001/2/4).</summary>
    public static MatchSpec Parse(string text) => MatchSpecParser.Parse(text);

    /// <summary>True when <paramref name="record"/> satisfies every part of this spec.</summary>
    public bool Matches(PackageRecord record) => Matches(record, null);

    /// <summary>
    /// As <see cref="Matches(PackageRecord)"/>, with the record's version already parsed (the resolver
    /// parses each record once).
    /// </summary>
    public bool Matches(PackageRecord record, VersionOrder? version)
    {
        if (NamePattern is null ? !string.Equals(record.Name, Name, StringComparison.Ordinal) : !NamePattern.Matches(record.Name))
            return false;
        if (Version is { MatchesAll: false })
        {
            if (version is null && !VersionOrder.TryParse(record.Version, out version)) return false;
            if (!Version.Matches(version!)) return false;
        }
        if (Build is not null && !Build.Matches(record.Build)) return false;
        if (BuildNumber is not null && !BuildNumber.Matches(record.BuildNumber)) return false;
        if (Channel is not null && !ChannelMatches(Channel, record.Channel)) return false;
        if (Subdir is not null && !string.Equals(Subdir, record.Subdir, StringComparison.Ordinal)) return false;
        if (FileName is not null && !string.Equals(FileName, record.FileName, StringComparison.Ordinal)) return false;
        if (Md5 is not null && !string.Equals(Md5, record.Md5, StringComparison.OrdinalIgnoreCase)) return false;
        if (Sha256 is not null && !string.Equals(Sha256, record.Sha256, StringComparison.OrdinalIgnoreCase)) return false;
        if (License is not null && !string.Equals(License, record.License, StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>
    /// A spec channel matches a record's channel when they are the same name or URL, or when the record's
    /// channel URL ends with the spec's name as its last path part (<c>conda-forge</c> matches
    /// <c>https://conda.anaconda.org/conda-forge</c> and <c>file:///srv/conda-forge</c>).
    /// </summary>
    public static bool ChannelMatches(string specChannel, string? recordChannel)
    {
        if (recordChannel is null) return false;
        var a = specChannel.TrimEnd('/');
        var b = recordChannel.TrimEnd('/');
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;
        return b.EndsWith("/" + a, StringComparison.Ordinal);
    }

    /// <summary>
    /// conda's canonical form: <c>channel/subdir::name</c>, then the version (<c>==1.2</c> exact, <c>=1.2</c>
    /// "starts with", <c>!=</c>/<c>~=</c> as written) and an exact build after an exact version
    /// (<c>name==1.2=build</c>); everything else in brackets (<c>[version='&gt;=1,&lt;2',build=py*]</c>).
    /// </summary>
    public override string ToString() => _canonical ??= BuildCanonical();

    private string BuildCanonical()
    {
        var sb = new StringBuilder();
        var brackets = new List<string>();
        if (Channel is not null)
        {
            sb.Append(Channel);
            if (Subdir is not null) sb.Append('/').Append(Subdir);
            sb.Append("::");
        }
        else if (Subdir is not null) brackets.Add($"subdir={Subdir}");
        sb.Append(Name);

        var versionExact = false;
        if (Version is { MatchesAll: false })
        {
            var v = Version.Text;
            if (v.IndexOfAny(['>', '<', '$', '^', '|', ',', '(']) >= 0) brackets.Add($"version='{v}'");
            else if (v.StartsWith("!=", StringComparison.Ordinal) || v.StartsWith("~=", StringComparison.Ordinal))
            {
                if (Build is not null) brackets.Add($"version='{v}'");
                else sb.Append(v);
            }
            else if (v.EndsWith(".*", StringComparison.Ordinal)) sb.Append('=').Append(v[..^2]);
            else if (v.EndsWith('*')) sb.Append('=').Append(v[..^1]);
            else if (v.StartsWith("==", StringComparison.Ordinal)) { sb.Append(v); versionExact = true; }
            else if (v.StartsWith('=')) sb.Append(v);
            else { sb.Append("==").Append(v); versionExact = true; }
        }
        if (Build is not null)
        {
            var b = Build.Text;
            if (b.IndexOfAny(['>', '<', '$', '^', '|', ',']) >= 0) brackets.Add($"build='{b}'");
            else if (versionExact && Build.IsExact) sb.Append('=').Append(b);
            else brackets.Add($"build={b}");
        }
        if (BuildNumber is not null) brackets.Add($"build_number={Quote(BuildNumber.ToString())}");
        if (FileName is not null) brackets.Add($"fn={Quote(FileName)}");
        if (Md5 is not null) brackets.Add($"md5={Md5}");
        if (Sha256 is not null) brackets.Add($"sha256={Sha256}");
        if (License is not null) brackets.Add($"license={Quote(License)}");
        if (brackets.Count > 0) sb.Append('[').AppendJoin(',', brackets).Append(']');
        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([' ', ',', '<', '>', '=', '!', '|', '[', ']']) >= 0 ? $"'{value}'" : value;

    public bool Equals(MatchSpec? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => obj is MatchSpec m && Equals(m);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
