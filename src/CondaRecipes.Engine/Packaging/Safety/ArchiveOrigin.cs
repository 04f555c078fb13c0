using CondaRecipes.Diagnostics;

namespace CondaRecipes.Packaging.Safety;

/// <summary>
/// What an archive is to the user, for the coded error an unsafe entry raises: the name to show, the file
/// and line the error points at (the recipe's source entry, or the package itself) and what to do next.
/// The code is the safety rule's own, so every extractor reports the same escape with the same code.
/// </summary>
internal sealed record ArchiveOrigin(string Archive, string? File, int Line, string Hint)
{
    public CondaRecipesException Unsafe(string code, string entry, string reason) =>
        new(code, $"Refusing to extract '{Archive}': entry '{entry}' {reason}; nothing was extracted.", File, Line, Hint);
}
