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

    /// <summary>
    /// The package name in lower case, as conda keeps it (<c>NumPy</c> selects <c>numpy</c>); may be a glob
    /// such as <c>py*</c>, for searching only.
    /// </summary>
    public string Name { get; }

    /// <summary>
    /// Channel name, URL or glob (<c>conda-forge</c>, <c>file:///…/output</c>, <c>conda-*</c>), or null for any
    /// channel (<c>*::numpy</c> gives null). Matched by <see cref="SpecChannel"/>.
    /// </summary>
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
    /// <summary>License constraint (exact or glob, case-insensitive as in conda), or null.</summary>
    public StringPattern? License { get; internal init; }

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
            if (!(version is null ? Version.Matches(record.Version) : Version.Matches(version))) return false;
        }
        if (Build is not null && !Build.Matches(record.Build)) return false;
        if (BuildNumber is not null && !BuildNumber.Matches(record.BuildNumber)) return false;
        if (Channel is not null && !SpecChannel.Matches(Channel, record.Channel)) return false;
        if (Subdir is not null && !string.Equals(Subdir, record.Subdir, StringComparison.Ordinal)) return false;
        if (FileName is not null && !string.Equals(FileName, record.FileName, StringComparison.Ordinal)) return false;
        if (Md5 is not null && !string.Equals(Md5, record.Md5, StringComparison.OrdinalIgnoreCase)) return false;
        if (Sha256 is not null && !string.Equals(Sha256, record.Sha256, StringComparison.OrdinalIgnoreCase)) return false;
        if (License is not null && !License.Matches(record.License)) return false;
        return true;
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
        if (Channel is not null && Channel.Contains('*')) brackets.Add($"channel={Channel}");
        if (Channel is not null && !Channel.Contains('*'))
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
            // A glob with '*' inside (1.*.3, *.*) stays in brackets: written "=*" it would read back as "any".
            var innerGlob = v.TrimEnd('*').TrimEnd('.').Contains('*');
            if (innerGlob || v.IndexOfAny(['>', '<', '$', '^', '|', ',', '(']) >= 0) brackets.Add($"version='{v}'");
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
        if (License is not null) brackets.Add($"license={Quote(License.Text)}");
        if (brackets.Count > 0) sb.Append('[').AppendJoin(',', brackets).Append(']');
        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([' ', ',', '<', '>', '=', '!', '|', '[', ']']) >= 0 ? $"'{value}'" : value;

    public bool Equals(MatchSpec? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => obj is MatchSpec m && Equals(m);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
