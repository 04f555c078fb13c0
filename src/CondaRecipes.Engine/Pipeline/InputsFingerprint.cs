using System.Security.Cryptography;
using System.Text;
using CondaRecipes.Files;

namespace CondaRecipes.Pipeline;

/// <summary>
/// A hash of everything that decides a variant's package: the recipe folder's files, the variant's values,
/// the build-relevant properties and environment, and the identity of the SDK itself. Two builds with the
/// same fingerprint produce the same package, so the second is skipped.
/// </summary>
public sealed class InputsFingerprint
{
    private readonly SortedDictionary<string, string> _parts = new(StringComparer.Ordinal);

    /// <summary>Adds a named value (a property, a variant variable, an environment variable).</summary>
    public InputsFingerprint Add(string name, string? value)
    {
        _parts[name] = value ?? "";
        return this;
    }

    /// <summary>Adds every file under <paramref name="dir"/> by relative path and content hash.</summary>
    public InputsFingerprint AddDirectory(string name, string dir)
    {
        if (!Directory.Exists(dir))
            return Add(name, "<missing>");
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                     .Where(f => !IsIgnored(f))
                     .OrderBy(f => f, StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(dir, file).Replace('\\', '/');
            _parts[$"{name}/{rel}"] = FileHasher.Sha256(file);
        }
        return this;
    }

    /// <summary>The identity of the code doing the build: its assembly's module version id.</summary>
    public InputsFingerprint AddSdkIdentity() =>
        Add("sdk", typeof(InputsFingerprint).Assembly.ManifestModule.ModuleVersionId.ToString());

    /// <summary>The hex SHA-256 over all parts, in name order.</summary>
    public string Compute()
    {
        var text = new StringBuilder();
        foreach (var (name, value) in _parts)
            text.Append(name).Append('\0').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Editor droppings and bytecode do not change what a recipe builds.
    private static bool IsIgnored(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".pyc", StringComparison.Ordinal)
            || path.Contains($"{Path.DirectorySeparatorChar}__pycache__{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            || path.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
    }
}
