using CondaRecipes.Diagnostics;
using CondaRecipes.Recipes;

namespace CondaRecipes.Pipeline.Sources;

/// <summary>
/// Builds the coded exceptions of the source stage, so every message names the recipe file and line of
/// the source entry and carries a hint, worded in one place.
/// </summary>
internal static class SourceErrors
{
    public static CondaRecipesException Error(RecipeSource spec, string code, string message, string hint,
        Exception? inner = null) =>
        new(code, message, spec.RecipeFile, spec.Line, hint, inner);

    public static CondaRecipesException PathNotFound(RecipeSource spec, string resolved) =>
        Error(spec, SourceErrorCodes.PathNotFound,
            $"The source path '{spec.Path}' does not exist (looked for '{resolved}').",
            "Fix 'path:' in the source section; it is relative to the recipe directory.");

    public static CondaRecipesException ChecksumMismatch(RecipeSource spec, string url, string algorithm,
        string expected, string actual) =>
        Error(spec, SourceErrorCodes.ChecksumMismatch,
            $"{algorithm} mismatch for {url}: expected {expected}, got {actual}. The downloaded file was deleted.",
            $"Check that the URL serves the intended file, then correct '{algorithm.ToLowerInvariant()}:' in the recipe.");

    public static CondaRecipesException Unreadable(RecipeSource spec, string archive, string detail,
        Exception? inner = null) =>
        Error(spec, SourceErrorCodes.ArchiveUnreadable,
            $"Cannot read archive '{archive}': {detail}",
            "The file is corrupt or not the format its name says; check the URL and checksum.", inner);

    public static CondaRecipesException ToolNotFound(RecipeSource spec, string tool, string purpose) =>
        Error(spec, SourceErrorCodes.ToolNotFound,
            $"The program '{tool}' is needed to {purpose} but was not found on PATH.",
            $"Install '{tool}' (Debian package of the same name; 'xz-utils' for xz).");
}
