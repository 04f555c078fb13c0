namespace CondaRecipes.Recipes;

/// <summary>The <c>test</c> section.</summary>
public sealed record RecipeTest
{
    public IReadOnlyList<string> Imports { get; init; } = [];

    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary><c>requires</c>: extra packages for the test environment.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary><c>source_files</c>: files of the work directory copied for the test.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    /// <summary><c>files</c>: files of the recipe directory copied for the test.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary><c>script</c>: a test script name other than run_test.*; null when absent.</summary>
    public string? Script { get; init; }

    public bool IsEmpty => Imports.Count + Commands.Count + Requires.Count + SourceFiles.Count + Files.Count == 0 && Script is null;
}
