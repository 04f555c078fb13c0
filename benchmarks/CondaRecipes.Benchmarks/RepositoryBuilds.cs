using System.Text;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace CondaRecipes.Benchmarks;

/// <summary>Runs `dotnet build` in the repository the benchmarks were built from, as a user would.</summary>
internal static class RepositoryBuilds
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CondaRecipes.sln")))
                return dir.FullName;
        throw new InvalidOperationException("CondaRecipes.sln not found above the benchmark's folder.");
    }

    public static (int ExitCode, string Output, TimeSpan Elapsed) Dotnet(params string[] args)
    {
        var env = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH")
            .ToDictionary(k => k, _ => (string?)null);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = Cli.Wrap("dotnet").WithArguments(args).WithWorkingDirectory(Root).WithEnvironmentVariables(env)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync().GetAwaiter().GetResult();
        return (r.ExitCode, r.StandardOutput + r.StandardError, sw.Elapsed);
    }

    /// <summary>Builds the SDK's task assembly from source, as all.proj does first, so no measured build includes it.</summary>
    public static void EnsureSdkTasksBuilt()
    {
        var r = Dotnet("build", "all.proj", "-t:CondaBuildTasksFromSource", "-nologo", "-v:q");
        if (r.ExitCode != 0) throw new InvalidOperationException($"building the SDK's tasks failed:\n{r.Output}");
    }

    /// <summary>The variants of a recipe project (after its matrix expansion) and its site environment.</summary>
    public static (List<Dictionary<string, string>> Variants, Dictionary<string, string> Environment) Matrix(string project)
    {
        var r = Dotnet("build", project, "-t:CondaExpandMatrix", "-getItem:CondaVariantToBuild", "-getItem:CondaEnvironment", "-getProperty:_CondaRecipeFullDir", "-nologo");
        if (r.ExitCode != 0) throw new InvalidOperationException($"{project}: {r.Output}");
        using var doc = JsonDocument.Parse(r.Output[r.Output.IndexOf('{')..]);
        var items = doc.RootElement.GetProperty("Items");
        var variants = items.GetProperty("CondaVariantToBuild").EnumerateArray()
            .Select(e => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")).ToList();
        var env = items.TryGetProperty("CondaEnvironment", out var e2)
            ? e2.EnumerateArray().ToDictionary(x => x.GetProperty("Identity").GetString()!, x => x.GetProperty("Value").GetString() ?? "")
            : new Dictionary<string, string>();
        var dir = doc.RootElement.GetProperty("Properties").GetProperty("_CondaRecipeFullDir").GetString()!;
        foreach (var v in variants) v["RecipeDir"] = dir;
        return (variants, env);
    }
}
