using System.Security.Cryptography;
using CondaRecipes.Files;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>The checksums a recipe gives for a download, validated and lower-cased.</summary>
internal sealed record ExpectedChecksums(string? Sha256, string? Md5, string? Sha1)
{
    public bool Any => Sha256 is not null || Md5 is not null || Sha1 is not null;

    public static ExpectedChecksums From(RecipeSource spec) =>
        new(Normalize(spec, "sha256", spec.Sha256, 64),
            Normalize(spec, "md5", spec.Md5, 32),
            Normalize(spec, "sha1", spec.Sha1, 40));

    /// <summary>The first algorithm whose value differs, or null when every given checksum matches.</summary>
    public (string Algorithm, string Expected, string Actual)? FindMismatch(FileChecksums actual)
    {
        if (Sha256 is not null && Sha256 != actual.Sha256) return ("SHA256", Sha256, actual.Sha256);
        if (Md5 is not null && Md5 != actual.Md5) return ("MD5", Md5, actual.Md5);
        if (Sha1 is not null && Sha1 != actual.Sha1) return ("SHA1", Sha1, actual.Sha1);
        return null;
    }

    private static string? Normalize(RecipeSource spec, string name, string? value, int hexLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim().ToLowerInvariant();
        if (v.Length != hexLength || !v.All(Uri.IsHexDigit))
            throw SourceErrors.Error(spec, SourceErrorCodes.InvalidChecksum,
                $"The {name} '{value}' is not {hexLength} hexadecimal digits.",
                $"Copy the {name} of the source file exactly (e.g. from '{name}sum FILE').");
        return v;
    }
}

/// <summary>The three checksums of a file, computed in one pass.</summary>
internal sealed record FileChecksums(string Sha256, string Md5, string Sha1)
{
    public static async Task<FileChecksums> ComputeAsync(string path, CancellationToken ct)
    {
        var digests = await FileHasher.ComputeAsync(path, FileDigest.Sha256 | FileDigest.Md5 | FileDigest.Sha1, ct);
        return new FileChecksums(digests.Sha256!, digests.Md5!, digests.Sha1!);
    }

    public static string Sha256OfText(string text) =>
        Hex(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
