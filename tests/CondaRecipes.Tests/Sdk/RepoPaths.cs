namespace CondaRecipes.Tests.Sdk;

/// <summary>Locates the repository the tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CondaRecipes.sln")))
                return dir.FullName;
        throw new InvalidOperationException("CondaRecipes.sln not found above the test directory.");
    }
}
