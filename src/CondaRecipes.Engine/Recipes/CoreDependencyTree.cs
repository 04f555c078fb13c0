namespace CondaRecipes.Recipes;

/// <summary>
/// conda-build's Core Dependency Tree packages (<c>cdt(name)</c>): system libraries repackaged from a Linux
/// distribution, named <c>{name}-{cdt_name}-{cdt_arch}</c> (<c>libx11-devel-cos7-x86_64</c>). Defaults by
/// architecture: <c>cos6</c> with <c>x86_64</c> or <c>i686</c>, else <c>cos7</c> with the architecture; the variant's
/// <c>cdt_name</c> and <c>cdt_arch</c> override them. Only a channel can provide one: the host's own system
/// libraries are not a repackaged distribution.
/// </summary>
public static class CoreDependencyTree
{
    /// <summary>The CDT package for a requirement as written in <c>cdt('…')</c>, any version kept after the name.</summary>
    public static string PackageFor(string requirement, IReadOnlyDictionary<string, string> variant, string architecture)
    {
        string suffix = Suffix(variant, architecture);
        var parts = requirement.Split(' ');
        return parts.Length > 1 ? $"{parts[0]}{suffix} {string.Join(' ', parts[1..])}" : requirement + suffix;
    }

    /// <summary>True when <paramref name="packageName"/> is a CDT package name for this variant and architecture.</summary>
    public static bool IsCdt(string packageName, IReadOnlyDictionary<string, string> variant, string architecture) =>
        packageName.EndsWith(Suffix(variant, architecture), StringComparison.Ordinal);

    /// <summary>The machine of a conda subdir as conda-build names it for CDTs (<c>linux-64</c> → <c>x86_64</c>).</summary>
    public static string ArchitectureOf(string subdir) => subdir.Split('-', 2) switch
    {
        [_, "64"] => "x86_64",
        [_, "32"] => "i686",
        [_, var machine] => machine,
        _ => subdir,
    };

    private static string Suffix(IReadOnlyDictionary<string, string> variant, string architecture)
    {
        var (name, arch) = architecture switch
        {
            "x86_64" or "amd64" => ("cos6", "x86_64"),
            "x86" or "i686" or "i386" => ("cos6", "i686"),
            _ => ("cos7", architecture),
        };
        return $"-{variant.GetValueOrDefault("cdt_name", name)}-{variant.GetValueOrDefault("cdt_arch", arch)}";
    }
}
