using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging;

/// <summary>
/// The host prefix a build installs into. Like conda-build, the prefix itself is the placeholder: a real
/// directory padded to exactly <see cref="Length"/> characters, so that at install time any real prefix up
/// to that length can be written over it inside binaries without changing their size.
/// </summary>
public static class PrefixPlaceholder
{
    /// <summary>The padded length conda-build and rattler-build use.</summary>
    public const int Length = 255;

    /// <summary>The placeholder of very old packages; still recognised by conda.</summary>
    public const string Legacy = "/opt/anaconda1anaconda2anaconda3";

    private const string EnvName = "_h_env";
    private const string Padding = "_placehold";

    /// <summary>
    /// <paramref name="baseDir"/><c>/_h_env_placehold_placehold…</c>, cut to exactly 255 characters.
    /// </summary>
    public static string Create(string baseDir)
    {
        var full = Path.GetFullPath(baseDir).TrimEnd('/');
        var head = $"{full}/{EnvName}";
        // Leave at least one character of padding so the result is recognisably a placeholder.
        if (head.Length >= Length)
            throw new CondaRecipesException(PackagingErrorCodes.PlaceholderBaseTooLong,
                $"The build directory '{full}' is {full.Length} characters long; the host prefix must be exactly {Length} characters and needs room for '/{EnvName}' and padding.",
                hint: "Use a shorter build root (for example a directory directly under /tmp or the work tree).");

        var padded = new System.Text.StringBuilder(head, Length + Padding.Length);
        while (padded.Length < Length) padded.Append(Padding);
        return padded.ToString(0, Length);
    }
}
